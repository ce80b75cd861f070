// The convention is owned by the template module, which writes these names.
export { typeFromFileName } from '../template/file-names';
