/** Public data bundled with the connector, so it runs without network access. */
export const PARKS = [
  { id: 'yell', name: 'Yellowstone', state: 'Wyoming', established: 1872, highlights: ['geysers', 'Old Faithful', 'bison'] },
  { id: 'yose', name: 'Yosemite', state: 'California', established: 1890, highlights: ['El Capitan', 'waterfalls', 'giant sequoias'] },
  { id: 'zion', name: 'Zion', state: 'Utah', established: 1919, highlights: ['The Narrows', 'Angels Landing', 'canyons'] },
  { id: 'grca', name: 'Grand Canyon', state: 'Arizona', established: 1919, highlights: ['South Rim', 'Colorado River', 'canyon'] },
  { id: 'acad', name: 'Acadia', state: 'Maine', established: 1916, highlights: ['Cadillac Mountain', 'coast', 'tide pools'] },
];
