// Handlebars ships `runtime.d.ts` as a module that exports nothing, so TypeScript finds no types
// for `handlebars/runtime`: it is the same API as `handlebars` without the compiler.
declare module 'handlebars/runtime' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}
