// live.js: the one script of Ticker's reference live page. A plain ES module: no build step, no
// dependency, nothing from another origin (the page's CSP allows scripts, styles and connections
// from its own origin only). Copy it, and the markup of news.ticker.timeline.live.LivePageRenderer.
//
// The server rendered the page at one story version: #live[data-stream-version]. From there:
//   1. An EventSource follows /api/v1/stories/{id}/stream?since=<that version>. Each frame is one
//      change (`event:` its type, `id:` the story version, `data:` the change as /changes has it).
//      After a drop the browser reconnects by itself with Last-Event-ID; the server then resumes
//      after that version. Frames are applied in version order, one at a time, and a frame whose
//      version is not above the last applied one is skipped, so a resume never applies anything
//      twice. #live[data-stream-version] always holds the last applied version.
//   2. "Older updates" fetches the next feed page through the cursor (/updates?before=...).
//   3. New updates are announced politely to screen readers (#announcer, aria-live="polite"), and
//      a reader who has scrolled down gets a "N new updates" button that brings them to the top.
// Update bodies are HTML that ingest sanitised with the platform's allow-list; they pass the same
// allow-list here once more before they are inserted (safeHtml). Every other text is set with
// textContent, never as HTML.

const root = document.getElementById('live');
if (root && root.dataset.storyId) {
  start(root);
}

function start(root) {
  const storyId = root.dataset.storyId;
  const api = `/api/v1/stories/${encodeURIComponent(storyId)}`;
  const labels = JSON.parse(root.dataset.labels);
  const lang = document.documentElement.lang || 'en';
  const $ = (id) => document.getElementById(id);
  const feed = $('updates');
  const pinned = $('pinned');
  const keyEvents = $('key-events');
  const related = $('related');
  const analyses = $('analyses');
  const newUpdates = $('new-updates');
  const older = $('older');
  const announcer = $('announcer');

  let version = Number(root.dataset.streamVersion);
  let queue = Promise.resolve(); // frames and older pages, applied one after the other
  let unseen = 0; // updates that arrived while the reader was scrolled down
  const removed = new Set(); // retracted updates: an older page fetched meanwhile cannot bring them back

  // ---- Times: the server wrote UTC; show them in the reader's own time zone. ----
  const timeFormat = new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const localize = (time) => {
    const at = new Date(time.dateTime);
    if (!Number.isNaN(at.getTime())) time.textContent = timeFormat.format(at);
  };
  document.querySelectorAll('time[datetime]').forEach(localize);

  // ---- Small helpers ----
  const text = (value) => (typeof value === 'string' ? value : null); // null: absent or redacted
  const isRedacted = (value) => value !== null && typeof value === 'object' && value.redacted === true;
  const isHttp = (url) => typeof url === 'string' && /^https?:\/\//i.test(url.trim());
  const count = (template, n) => template.replace('{n}', String(n));
  const el = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  };
  const articlesOf = (id) =>
    Array.from(root.querySelectorAll(`article[data-update-id="${CSS.escape(id)}"]`));
  const inFeed = (id) => feed.querySelector(`article[data-update-id="${CSS.escape(id)}"]`);
  const showIfFilled = (section, list) => {
    section.hidden = !(list || section).querySelector('[data-update-id], [data-article-id], [data-analysis-id]');
  };

  // ---- Update bodies: the platform's HTML allow-list (news.ticker.platform.html.HtmlSanitizer) ----
  // Ingest sanitised every body before it was stored, so this changes nothing on a healthy system;
  // it keeps a page from inserting HTML that did not pass the allow-list. The HTML is parsed in a
  // <template>, where nothing loads or runs, and only allowed tags and attributes are kept.
  const TAGS = new Set(('p br strong b em i u s sub sup small mark blockquote q cite ul ol li h2 h3 h4 '
    + 'h5 h6 hr code pre a img figure figcaption span abbr time').split(' '));
  const ATTRIBUTES = {
    a: ['href', 'title', 'hreflang', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    blockquote: ['cite'],
    q: ['cite'],
    figure: ['data-embed', 'data-id'],
    abbr: ['title'],
    time: ['datetime'],
  };
  const URLS = { href: /^(https?|mailto):/i, src: /^https?:/i, cite: /^https?:/i };
  function safeHtml(html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    for (const node of Array.from(template.content.querySelectorAll('*'))) {
      const tag = node.localName;
      if (!TAGS.has(tag)) {
        node.remove(); // with its content: a <script> or <style> keeps nothing readable
        continue;
      }
      for (const { name, value } of Array.from(node.attributes)) {
        const allowed = (ATTRIBUTES[tag] ?? []).includes(name) && (!URLS[name] || URLS[name].test(value.trim()));
        if (!allowed) node.removeAttribute(name);
      }
    }
    return template.content;
  }

  // ---- One update, as the server renders it (keep the two alike) ----
  // `update` is an update of the feed API or the data of an update-posted frame.
  function renderUpdate(update, atVersion, withId) {
    const article = el('article', 'update');
    if (withId) article.id = `update-${update.id}`;
    article.dataset.updateId = update.id;
    article.dataset.version = String(atVersion);
    article.dataset.publishedAt = update.publishedAt;
    article.classList.toggle('key-event', Boolean(update.keyEvent));
    article.classList.toggle('pinned', Boolean(update.pinned));
    const meta = el('header', 'meta');
    const time = el('time');
    time.dateTime = update.publishedAt;
    localize(time);
    meta.append(time);
    article.append(meta);
    setAuthors(article, update.authors);
    if (update.redacted || isRedacted(update.body)) {
      redact(article, update.redacted && update.redacted.reason);
    } else {
      setTexts(article, update.headline, update.body, update.correction && update.correction.note);
    }
    if (update.analysis) setTeaser(article, update.analysis);
    return article;
  }

  function setAuthors(article, authors) {
    const meta = article.querySelector('.meta');
    meta.querySelector('.authors')?.remove();
    if (authors && authors.length > 0) {
      meta.append(' ', el('span', 'authors', `${labels.by} ${authors.join(', ')}`));
    }
  }

  // Headline, body and correction note: replaced as a whole (an edit carries all of them).
  function setTexts(article, headline, body, note) {
    article.querySelectorAll(':scope > .headline, :scope > .body, :scope > .correction').forEach((n) => n.remove());
    const parts = [];
    if (text(headline)) parts.push(el('h3', 'headline', text(headline)));
    const bodyNode = el('div', 'body');
    bodyNode.append(safeHtml(text(body) ?? ''));
    parts.push(bodyNode);
    if (text(note)) {
      const correction = el('p', 'correction');
      correction.append(el('strong', null, labels.correction), ` ${text(note)}`);
      parts.push(correction);
    }
    article.querySelector('.meta').after(...parts);
  }

  // The note of the latest correction shown in an article, or null.
  function correctionNote(article) {
    const correction = article.querySelector(':scope > .correction');
    return correction ? correction.textContent.slice(labels.correction.length).trim() : null;
  }

  // An admin removed the texts for good: only the public note stays.
  function redact(article, reason) {
    article.querySelectorAll(':scope > .headline, :scope > .body, :scope > .correction, :scope > .redaction').forEach((n) => n.remove());
    const note = el('p', 'redaction', labels.redacted);
    if (reason) note.append(' ', el('span', 'reason', reason));
    article.querySelector('.meta').after(note);
    article.classList.add('redacted');
  }

  // "Read the full analysis": analysis is {id|analysisId, title, standfirst, readingTimeMinutes, link, redacted}.
  function teaser(analysis) {
    const id = analysis.id ?? analysis.analysisId;
    const aside = el('aside', 'analysis');
    aside.dataset.analysisId = id;
    if (analysis.redacted || isRedacted(analysis.title)) {
      aside.classList.add('redacted');
      aside.append(el('p', 'redaction', (analysis.redacted && analysis.redacted.reason) || labels.redacted));
      return aside;
    }
    const title = text(analysis.title);
    const label = title ? `${labels.analysisTeaser}: ${title}` : labels.analysisTeaser;
    if (isHttp(analysis.link)) {
      const link = el('a', null, label);
      link.href = analysis.link;
      aside.append(link);
    } else {
      aside.append(el('span', null, label));
    }
    if (text(analysis.standfirst)) aside.append(el('p', 'standfirst', text(analysis.standfirst)));
    if (analysis.readingTimeMinutes > 0) {
      aside.append(el('p', 'reading-time', count(labels.readingTime, analysis.readingTimeMinutes)));
    }
    return aside;
  }

  function setTeaser(article, analysis) {
    article.querySelector(':scope > .analysis')?.remove();
    article.append(teaser(analysis));
  }

  // Feed order: newest publishedAt first, then the higher id (as the feed API sorts).
  const before = (a, b) =>
    a.dataset.publishedAt !== b.dataset.publishedAt
      ? new Date(a.dataset.publishedAt) > new Date(b.dataset.publishedAt)
      : a.dataset.updateId > b.dataset.updateId;

  // Inserts an article where the feed has it; false when it belongs to a page not loaded yet.
  function insertInFeed(article) {
    for (const other of feed.querySelectorAll(':scope > article')) {
      if (before(article, other)) {
        other.before(article);
        return true;
      }
    }
    if (older.dataset.cursor) return false; // older than everything shown: it comes with "Older updates"
    feed.append(article);
    return true;
  }

  // The update from the page, else from the API (pinning or marking one not loaded yet).
  async function findUpdate(id) {
    const shown = inFeed(id);
    if (shown) return { article: shown };
    const response = await fetch(`${api}/updates/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    const update = await response.json();
    return update.retracted ? null : { article: renderUpdate(update, version, false) };
  }

  function keyEventItem(id, headline, publishedAt) {
    const item = el('li');
    item.dataset.updateId = id;
    item.dataset.publishedAt = publishedAt;
    const link = el('a');
    link.href = `#update-${id}`;
    const time = el('time');
    time.dateTime = publishedAt;
    localize(time);
    link.append(time, ' ', el('span', 'headline', headline ?? ''));
    item.append(link);
    return item;
  }

  // ---- New updates: announce them, and offer a way up to a reader scrolled down ----
  const readerAtTop = () => feed.getBoundingClientRect().top >= 0;

  function noticeNew(update) {
    const headline = text(update.headline) ?? '';
    announcer.textContent = `${labels.announceUpdate} ${headline}`.trim();
    if (readerAtTop()) return;
    unseen += 1;
    newUpdates.textContent = unseen === 1 ? labels.newUpdate : count(labels.newUpdates, unseen);
    newUpdates.hidden = false;
  }

  function clearUnseen() {
    unseen = 0;
    newUpdates.hidden = true;
  }

  newUpdates.addEventListener('click', () => {
    clearUnseen();
    feed.scrollIntoView({ block: 'start' });
  });
  window.addEventListener('scroll', () => {
    if (unseen > 0 && readerAtTop()) clearUnseen();
  }, { passive: true });

  // ---- Every change type: how it changes the page. `data` is the change's data. ----
  const apply = {
    'story-opened': () => {},

    'story-changed': (data) => {
      $('story-title').textContent = data.title ?? '';
      $('story-section').textContent = data.section ?? '';
      $('story-summary').textContent = data.summary ?? '';
      if (data.title) document.title = data.title;
    },

    'story-closed': () => {
      const status = $('story-status');
      status.dataset.status = 'closed';
      status.textContent = labels.closed;
    },

    'update-posted': async (data, at) => {
      const article = renderUpdate(data, at, true);
      const shown = inFeed(data.id);
      if (shown) shown.replaceWith(article);
      else if (insertInFeed(article)) noticeNew(data);
      if (data.pinned) await apply['update-pinned'](data, at);
      if (data.keyEvent) await apply['key-event-marked'](data, at);
    },

    'update-edited': (data, at) => {
      for (const article of articlesOf(data.id)) {
        if (article.classList.contains('redacted')) continue;
        setTexts(article, data.headline, data.body, correctionNote(article)); // an edit keeps the note
        setAuthors(article, data.authors);
        article.dataset.version = String(at);
      }
      keyEvents.querySelectorAll(`li[data-update-id="${CSS.escape(data.id)}"] .headline`).forEach((n) => {
        n.textContent = text(data.headline) ?? '';
      });
    },

    'update-corrected': (data, at) => {
      for (const article of articlesOf(data.id)) {
        if (article.classList.contains('redacted')) continue;
        setTexts(article, data.headline, data.body, data.note);
        setAuthors(article, data.authors);
        article.dataset.version = String(at);
      }
      keyEvents.querySelectorAll(`li[data-update-id="${CSS.escape(data.id)}"] .headline`).forEach((n) => {
        n.textContent = text(data.headline) ?? '';
      });
    },

    'update-retracted': (data) => {
      removed.add(data.id);
      root.querySelectorAll(`[data-update-id="${CSS.escape(data.id)}"]`).forEach((n) => n.remove());
      showIfFilled(pinned);
      showIfFilled(keyEvents);
    },

    'update-redacted': (data, at) => {
      for (const article of articlesOf(data.id)) {
        redact(article, data.redacted && data.redacted.reason);
        article.dataset.version = String(at);
      }
      keyEvents.querySelectorAll(`li[data-update-id="${CSS.escape(data.id)}"] .headline`).forEach((n) => {
        n.textContent = '';
      });
    },

    'update-pinned': async (data) => {
      const found = await findUpdate(data.id);
      if (!found) return;
      feed.querySelectorAll('article.pinned').forEach((n) => n.classList.remove('pinned'));
      found.article.classList.add('pinned');
      const copy = found.article.cloneNode(true);
      copy.removeAttribute('id'); // #update-<id> stays the one in the feed
      pinned.replaceChildren(copy);
      pinned.hidden = false;
    },

    'update-unpinned': (data) => {
      pinned.querySelectorAll(`[data-update-id="${CSS.escape(data.id)}"]`).forEach((n) => n.remove());
      inFeed(data.id)?.classList.remove('pinned');
      showIfFilled(pinned);
    },

    'key-event-marked': async (data) => {
      articlesOf(data.id).forEach((n) => n.classList.add('key-event'));
      const list = keyEvents.querySelector('ol');
      if (list.querySelector(`[data-update-id="${CSS.escape(data.id)}"]`)) return;
      const found = await findUpdate(data.id);
      if (!found) return;
      const { article } = found;
      const item = keyEventItem(data.id, article.querySelector('.headline')?.textContent, article.dataset.publishedAt);
      const later = Array.from(list.children).find((li) => new Date(li.dataset.publishedAt) < new Date(item.dataset.publishedAt));
      list.insertBefore(item, later ?? null);
      keyEvents.hidden = false;
    },

    'key-event-unmarked': (data) => {
      articlesOf(data.id).forEach((n) => n.classList.remove('key-event'));
      keyEvents.querySelectorAll(`li[data-update-id="${CSS.escape(data.id)}"]`).forEach((n) => n.remove());
      showIfFilled(keyEvents);
    },

    'related-article-linked': (data) => {
      const item = el('li');
      item.dataset.articleId = data.articleId;
      item.append(el('span', 'read', labels.read), ' ');
      if (isHttp(data.url)) {
        const link = el('a', null, data.headline ?? '');
        link.href = data.url;
        item.append(link);
      } else {
        item.append(el('span', null, data.headline ?? ''));
      }
      const list = related.querySelector('ul');
      const shown = list.querySelector(`[data-article-id="${CSS.escape(data.articleId)}"]`);
      if (shown) shown.replaceWith(item);
      else list.append(item);
      related.hidden = false;
    },

    'related-article-unlinked': (data) => {
      related.querySelectorAll(`[data-article-id="${CSS.escape(data.articleId)}"]`).forEach((n) => n.remove());
      showIfFilled(related);
    },

    'analysis-attached': (data) => {
      root.querySelectorAll(`aside[data-analysis-id="${CSS.escape(data.analysisId)}"]`).forEach((n) => n.remove());
      if (data.anchorUpdateId) {
        articlesOf(data.anchorUpdateId).forEach((article) => setTeaser(article, data));
      } else {
        analyses.append(teaser(data));
      }
      showIfFilled(analyses);
    },

    'analysis-detached': (data) => {
      root.querySelectorAll(`aside[data-analysis-id="${CSS.escape(data.analysisId)}"]`).forEach((n) => n.remove());
      showIfFilled(analyses);
    },

    'analysis-attachment-redacted': (data) => {
      root.querySelectorAll(`aside[data-analysis-id="${CSS.escape(data.analysisId)}"]`).forEach((n) => {
        n.replaceWith(teaser({ analysisId: data.analysisId, redacted: data.redacted }));
      });
    },
  };

  // ---- The stream ----
  async function applyChange(change) {
    if (!(change.version > version)) return; // applied already: a resume or a repeated frame
    const handler = apply[change.type];
    if (handler) await handler(change.data, change.version);
    version = change.version;
    root.dataset.streamVersion = String(version);
  }

  function enqueue(work) {
    queue = queue.then(work).catch((error) => console.error('live page:', error));
  }

  let retryDelay = 1000;
  function connect() {
    // since: where this page is. The browser adds Last-Event-ID when it reconnects by itself.
    const source = new EventSource(`${api}/stream?since=${version}`);
    const receive = (event) => {
      const change = JSON.parse(event.data);
      enqueue(() => applyChange(change));
    };
    Object.keys(apply).forEach((type) => source.addEventListener(type, receive));
    // #live[data-stream] says how the stream is: "open", or "reconnecting" after a drop. A page
    // can style it (a "reconnecting…" hint); the browser test waits for "open".
    source.addEventListener('open', () => {
      retryDelay = 1000;
      root.dataset.stream = 'open';
    });
    source.addEventListener('error', () => {
      root.dataset.stream = 'reconnecting';
      // CONNECTING: the browser reconnects by itself. CLOSED: the server refused (429 too many
      // streams, 503 database away); open a new stream later, from the version applied by then.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    });
  }
  connect();

  // ---- Older updates, through the feed's cursor ----
  async function loadOlder() {
    const cursor = older.dataset.cursor;
    if (!cursor) return;
    older.disabled = true;
    try {
      const response = await fetch(`${api}/updates?before=${encodeURIComponent(cursor)}`, {
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) return;
      const page = await response.json();
      for (const update of page.items) {
        if (!inFeed(update.id) && !removed.has(update.id)) feed.append(renderUpdate(update, version, true));
      }
      if (page.next) older.dataset.cursor = page.next;
      else delete older.dataset.cursor;
    } finally {
      older.disabled = false;
      older.hidden = !older.dataset.cursor;
    }
  }
  older.hidden = !older.dataset.cursor;
  older.addEventListener('click', () => enqueue(loadOlder));
}
