import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { request } from '../../lib/messaging/client';
import { createPopupModel } from '../../lib/popup/model';

/** The tab the popup is about: the active tab, or `?tabId=` when the popup is opened as a page (tests, pinned tab). */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const model = createPopupModel(request);
render(<Popup model={model} />, document.getElementById('app')!);
void targetTabId().then((tabId) => model.load(tabId));
