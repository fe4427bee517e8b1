export { catalogue, findDrill } from './catalogue';
