import './options.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/options/Options';
import { request } from '../../lib/messaging/client';
import { createOptionsModel } from '../../lib/options/model';

const model = createOptionsModel(
  request,
  {
    contains: (origin) => browser.permissions.contains({ origins: [origin] }),
    request: (origin) => browser.permissions.request({ origins: [origin] }),
  },
  (name, text) => {
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  },
);
render(<Options model={model} />, document.getElementById('app')!);
void model.load();
