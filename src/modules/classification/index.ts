/** Public surface of the classification module: pure text classification, no I/O beyond files. */
export { tokenize, charNgrams, normalizeText } from './tokenize.js';
export type { Token, TokenizeOptions, StemMode } from './tokenize.js';
export { stemEnglish } from './stem-en.js';
export { stemRussian } from './stem-ru.js';
export { Vectorizer, analyze, DEFAULT_VECTORIZER, BASELINE_VECTORIZER } from './vectorizer.js';
export type { VectorizerOptions, SparseVector } from './vectorizer.js';
export { ClassifierModel, MODEL_FORMAT, MODEL_VERSION } from './model.js';
export type { Prediction, TermWeight, TrainOptions, ModelJson } from './model.js';
export { crossValidate, computeMetrics, stratifiedFolds, formatReport } from './evaluate.js';
export type { EvalReport, Metrics, ClassMetrics, EvalOptions } from './evaluate.js';
export { CsvParser, parseCsv, readCsvFile, readLabelledCsv } from './csv.js';
export {
  TARGETS, REQUEST_TYPES, SERVICES, PRIORITIES, LINES, DEFAULT_CORPUS_PATH, DEFAULT_MODEL_PATH,
  DEFAULT_TRAIN_OPTIONS, parseCorpus, loadCorpus, trainDefaultModel, saveModel, loadModel,
} from './corpus.js';
export type { CorpusExample, Target } from './corpus.js';
