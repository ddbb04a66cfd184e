// Served into the Gmail fixture pages by the test harness (never shipped): behaves like Gmail's in-page navigation.
// Like Gmail, it changes the URL first and draws the next view a little later, swapping the main view element
// and keeping the inbox list hidden in the page while a thread is open.
(() => {
  const THREADS = {
    FMfcgzQXJWdanaNorthwindPricing40: '2026-11-20-conversation.html',
    FMfcgzQXJWpriyaContosoSecurity: '2026-11-20-conversation-display-name.html',
    FMfcgzQXJWleeBrightfieldIntro: '2026-11-20-conversation-unknown.html',
    FMfcgzQXJWinternalPipelineQ4: '2026-11-20-own-thread.html',
  };
  const DRAW_DELAY_MS = 150;
  const account = 'sam.patel@lumenary.example';

  function views() {
    const all = [...document.querySelectorAll('div[role="main"]')];
    return { list: all.find((v) => v.querySelector('tr.zA')), thread: all.find((v) => !v.querySelector('tr.zA')) };
  }

  async function drawCompose() {
    const dock = document.querySelector('.dw .no');
    if (!location.hash.includes('compose=new')) return dock.replaceChildren();
    const html = await (await fetch('/__fixtures/gmail/2026-11-20-compose.html')).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    dock.replaceChildren(...[...next.querySelector('.dw .no').childNodes].map((n) => document.importNode(n, true)));
  }

  async function draw() {
    await drawCompose();
    const id = location.hash.split('?')[0].split('/').pop();
    const file = THREADS[id];
    const { list, thread } = views();
    if (!file) {
      thread?.remove();
      list?.removeAttribute('style');
      document.title = `Inbox (3) - ${account} - Gmail`;
      return;
    }
    const html = await (await fetch(`/__fixtures/gmail/${file}`)).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    const nextThread = [...next.querySelectorAll('div[role="main"]')].find((v) => !v.querySelector('tr.zA'));
    list?.setAttribute('style', 'display: none;');
    if (thread) thread.replaceWith(document.importNode(nextThread, true));
    else list.after(document.importNode(nextThread, true));
    document.title = next.title;
  }

  window.addEventListener('hashchange', () => setTimeout(draw, DRAW_DELAY_MS));
  document.addEventListener('click', (event) => {
    const row = event.target.closest('tr.zA');
    if (!row) return;
    const email = row.querySelector('[email]')?.getAttribute('email') ?? '';
    const id = Object.keys(THREADS).find((key) => key.toLowerCase().includes(email.split('.')[0]));
    if (id) location.hash = `#inbox/${id}`;
  });
  if (location.hash.split('/').length > 1) void draw();
})();
