/**
 * Public API of the avatars system (Google Allo 2017, "Neural Network-Generated Illustrations in Allo"): a selfie
 * becomes attribute estimates, an avatar spec and a sticker pack; raters' labels train the learned attributes.
 */
export { consensus, fleissKappa, kappaWords, pairwiseAgreement } from "./agreement.js";
export {
  ATTRIBUTES,
  type AttributeDef,
  type AttributeEstimate,
  attributeDef,
  LEARNED,
} from "./attributes.js";
export { artLicences, components, STYLE } from "./catalogue.js";
export {
  type ClassifierFile,
  DEFAULT_CLASSIFIERS,
  loadClassifiers,
  predictLearned,
  saveClassifiers,
} from "./classifiers.js";
export { estimateWhiteBalance } from "./colour.js";
export { colourAttributes } from "./colour-attributes.js";
export { startEditServer } from "./edit-server.js";
export { type DetectedFace, type FaceModel, loadFaceModel } from "./face-model.js";
export { estimateFaceShape, faceRatios } from "./face-shape.js";
export { type FeatureSet, faceFeatures } from "./features.js";
export { decodeImage, encodePng, type RgbImage, readImage } from "./image.js";
export { classIcon, startLabelServer } from "./label-server.js";
export { LabelStore } from "./labels-db.js";
export { crossValidate, fitLogReg, predictProba } from "./logreg.js";
export { type MakeOptions, makeAvatar, resolveClassifiers } from "./make.js";
export { renderPack, writePack } from "./pack.js";
export { type Analysis, analyseImage, pickFace } from "./pipeline.js";
export { raterPanel, simulateLabels } from "./raters.js";
export { avatarSvg, renderPng } from "./render.js";
export { type AvatarSpec, defaultSpec, readSpec, specFromAttributes, validateSpec } from "./spec.js";
export { STICKERS, stickerPack, stickerSvg } from "./stickers.js";
export { prepareBase, syntheticSet } from "./synthetic.js";
export { analyseItems, classifierFile, trainClassifiers } from "./train.js";
export { runSyntheticExperiment } from "./train-synthetic.js";
