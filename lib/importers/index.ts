/**
 * Importers: CSV exports (HubSpot, Salesforce, Mautic, generic engagement events) and JSON marketing packs → model
 * objects, validated row by row. Pure: nothing here touches IndexedDB or the UI.
 */
export * from './types';
export { parseCsv, readCsvRows, type CsvInput, type CsvRow, type CsvProgress, type CsvSummary, type ParseCsvOptions, type CsvHeaderInfo } from './csv';
export type { EncodingChoice } from './encoding';
export { parseImportDate, guessDateOrder, dateOrderForLocale, type DateOptions, type DateResult } from './dates';
export { detectFormat, proposeMapping, checkMapping, sniffFileKind, type Detection, type DetectionResult } from './detect';
export { FORMATS, formatSpec, type FormatSpec } from './formats';
export { RowMapper, createDirectory, type Directory, type MapOptions, type MappedBatch, type MapStats } from './map';
export { EventColumns, type EventColumnsData } from './event-columns';
export { mergeContacts, mergeEvents, remapEvents, eventKey, eventId, type ContactMerge, type EventMerge } from './merge';
export { previewCsv, importCsv, duplicateHeaders, type PreviewOptions, type CsvPreview, type CsvImportOptions, type CsvImportResult } from './import';
export { MarketingPack, PACK_VERSION, readPack, parsePack, validatePack, formatPath, jsonErrorOffset, type PackIssue, type PackResult } from './pack';
export { findCut, headerBytes, shiftIssue, type Cut, type HeaderBytes } from './split';
