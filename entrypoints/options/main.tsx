import './options.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/options/Options';
import { request } from '../../lib/messaging/client';
import { createBackupModel } from '../../lib/options/backup-model';
import { createImportModel } from '../../lib/options/import-model';
import { prepareWorkers, releaseWorkers, runPartInWorker } from '../../lib/options/parallel-import';
import { createOptionsModel } from '../../lib/options/model';
import { createSiteSettingsModel } from '../../lib/options/site-settings-model';
import { openLensDb, type LensDatabase } from '../../lib/store';
import { createScoringModelEditor } from '../../lib/options/scoring-model';

const download = (name: string, text: string, type = 'text/csv') => {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
};

const model = createOptionsModel(
  request,
  {
    contains: (origin) => browser.permissions.contains({ origins: [origin] }),
    request: (origin) => browser.permissions.request({ origins: [origin] }),
  },
  download,
);
const permissions = {
  contains: (origin: string) => browser.permissions.contains({ origins: [origin] }),
  request: (origin: string) => browser.permissions.request({ origins: [origin] }),
};
const siteSettings = createSiteSettingsModel(request, permissions);
// The import writes the extension's database from this page (lib/options/import-model.ts); opened on first use.
let db: Promise<LensDatabase> | undefined;
const imports = createImportModel(request, () => (db ??= openLensDb()), { locale: navigator.language, runPart: runPartInWorker, prepareParts: prepareWorkers, releaseParts: releaseWorkers });
const backup = createBackupModel(request, download);
const scoring = createScoringModelEditor(request);
render(<Options model={model} imports={imports} backup={backup} scoring={scoring} siteSettings={siteSettings} />, document.getElementById('app')!);
void model.load();
void siteSettings.load();
void scoring.load();
