/** Public surface of the classification module: the text classifier (pure), and its place in the desk (models in the database, suggestions, training). */
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
export { MODEL_TARGETS } from './corpus.js';
export { PRODUCT_TARGETS, catalogueCodeFor, serviceForCatalogue } from './catalogue-map.js';
export type { ProductTarget } from './catalogue-map.js';
export { suggest, requestText } from './suggest.js';
export type { Suggestion, Suggestions } from './suggest.js';
export { activeModel, invalidateActiveModel, REFRESH_MS } from './active-model.js';
export { classifyNewRequest } from './classify-new-request.js';
export { trainModel, OVERRIDE_WEIGHT, AUTO_ACTIVATE_TOLERANCE } from './train-model.js';
export type { TrainResult } from './train-model.js';
export { activateModel, listModelRows } from './manage-models.js';
export { startClassifier, installDefaultModel, registerClassifierWorkers, DEFAULT_EVAL_PATH } from './register.js';
export { getClassification } from './get-classification.js';
export { decideClassification } from './decide-classification.js';
