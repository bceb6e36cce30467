// accord dashboard. Article text and every value from the API is inserted with textContent only
// (never innerHTML), so markup inside an article renders as text. Charts are Vega-Lite specs
// built by the server (/api/viz/map, /api/events/summary, /api/dyads/...), embedded as SVG.
"use strict";

const state = { filters: {}, token: sessionStorage.getItem("accord-token") || "", views: {} };
const $ = (sel) => document.querySelector(sel);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v == null ? "" : String(v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return node;
}

function showError(message) {
  const box = $("#error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const url = "api/" + path + (qs.toString() ? "?" + qs : "");
  const headers = state.token ? { Authorization: "Bearer " + state.token } : {};
  const res = await fetch(url, { headers });
  if (res.status === 401) {
    $("#token-bar").hidden = false;
    throw new Error("this server needs a token to read");
  }
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail || res.statusText);
  return body;
}

async function embed(target, spec, onClick) {
  if (state.views[target]) state.views[target].finalize();
  const result = await vegaEmbed(target, spec, { actions: false, renderer: "svg" });
  state.views[target] = result.view;
  if (onClick) result.view.addEventListener("click", (_event, item) => item && item.datum && onClick(item.datum));
  return result.view;
}

function eventFilters() {
  const f = state.filters;
  return { since: f.since, until: f.until, type: f.type, country: f.country };
}

function names(list) {
  return list.map((a) => a.name || a.id).join(", ");
}

// -- views -------------------------------------------------------------------------------------
async function loadMap() {
  const res = await api("viz/map", eventFilters());
  $("#map-note").textContent = `(${res.shown} of ${res.total} located events; circle area = deaths)`;
  await embed("#map", res.spec, (d) => d.article_id && openArticle(d.article_id, "event", d.id));
}

async function loadTimeline() {
  const res = await api("events/summary", eventFilters());
  $("#counts").textContent = `${res.total} events · ${res.killed} killed`;
  $("#counts").dataset.total = res.total;
  await embed("#timeline", res.spec, (d) => {
    if (d.type) {
      $("#f-type").value = d.type;
      applyFilters();
    }
  });
}

async function loadEvents() {
  // Per report by default; with "one per real-world event" the server's merged events (reports of one
  // event across articles de-duplicated), each opening its first report with the evidence highlighted.
  const merged = $("#events-merged").checked;
  const res = await api("events", { ...eventFilters(), limit: 50, merged: merged ? "true" : "" });
  $("#events-note").textContent = `(latest ${res.items.length} of ${res.total}${res.total_exact ? "" : "+"}` +
    `${merged ? " merged" : ""})`;
  const list = $("#events");
  list.replaceChildren();
  for (const ev of res.items) {
    const who = names(ev.actors) + (ev.recipients.length ? " → " + names(ev.recipients) : "");
    const where = ev.place ? ev.place.name : "";
    const killed = ev.casualties.killed ? ` · ${ev.casualties.killed} killed` : "";
    const first = merged ? ev.mentions[0] : { article_id: ev.article_id, event_id: ev.id, evidence: ev.evidence };
    const reports = merged ? ` · ${ev.n_mentions} report${ev.n_mentions === 1 ? "" : "s"}` : "";
    const btn = el(
      "button",
      { type: "button", class: "event-item", "data-article": first.article_id, "data-event": ev.id,
        onclick: () => openArticle(first.article_id, "event", first.event_id) },
      el("span", { class: "tag", text: ev.type }),
      el("span", { text: `${ev.day || "undated"} ${who}${where ? " · " + where : ""}${killed}${reports}` }),
      el("span", { class: "snippet", text: first.evidence ? first.evidence.text : "" }),
    );
    list.append(el("li", {}, btn));
  }
  if (!res.items.length) list.append(el("li", { class: "muted", text: "No events match these filters." }));
}

async function loadDyad() {
  const a = $("#dyad-a").value.trim().toUpperCase();
  const b = $("#dyad-b").value.trim().toUpperCase();
  const box = $("#dyad-summary");
  if (!a || !b) {
    box.textContent = "Pick two countries (alpha-3 codes).";
    return;
  }
  const f = state.filters;
  const res = await api(`dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, {
    since: f.since, until: f.until, type: f.type,
  });
  box.className = "summary " + res.summary.direction.replace(" ", "-");
  box.textContent = `${res.events} events. ${res.summary.text}`;
  await embed("#dyad", res.spec);
}

async function loadAgreements() {
  // One row per agreement as linked across reports by the server (accord.link): its current status and
  // the dated history, each entry opening the report it came from with that agreement's evidence.
  const res = await api("agreements", { limit: 100 });
  const body = $("#agreements tbody");
  body.replaceChildren();
  for (const g of res.items) {
    const latest = g.history.length ? g.history[g.history.length - 1] : null;
    const opener = latest ? { article: latest.article, id: latest.agreement_id }
      : { article: g.reports[0].article_id, id: g.reports[0].agreement_id };
    const history = el("ul", { class: "history" });
    for (const h of g.history) {
      history.append(
        el("li", {}, el("button", { type: "button", class: "history-item", "data-article": h.article || "",
          title: h.article_title || h.article || "", text: `${h.date || "undated"}: ${h.status}`,
          onclick: () => openArticle(h.article, "agreement", h.agreement_id) })),
      );
    }
    const parties = g.parties.length ? names(g.parties) : "";
    const otherNames = g.names.filter((n) => n !== g.name);
    body.append(
      el("tr", { "data-agreement": g.id },
        el("td", {},
          el("button", { type: "button", class: "agreement-item", text: g.name,
            title: otherNames.length ? "also: " + otherNames.join("; ") : "",
            onclick: () => openArticle(opener.article, "agreement", opener.id) }),
          el("div", { class: "muted", text: `${parties}${parties ? " · " : ""}${g.reports.length} report(s)` })),
        el("td", { text: g.kind }),
        el("td", { class: "status", text: g.status }),
        el("td", {}, history)),
    );
  }
  if (!res.items.length) body.append(el("tr", {}, el("td", { colspan: "4", class: "muted", text: "No agreements." })));
}

async function loadQuotes() {
  const f = state.filters;
  const res = await api("quotes", {
    q: $("#quote-q").value.trim(), speaker: $("#quote-speaker").value.trim(),
    since: f.since, until: f.until, limit: 50,
  });
  const list = $("#quotes");
  list.replaceChildren();
  for (const q of res.items) {
    const speaker = (q.speaker && q.speaker.name) || q.speaker_text || "unknown speaker";
    list.append(el("li", {}, el("button", { type: "button", class: "quote-item",
      onclick: () => openArticle(q.article_id, "quote", q.id) },
      el("span", { class: "tag", text: q.kind }),
      el("strong", { text: speaker }),
      el("span", { class: "muted", text: ` ${q.cue || ""} · ${(q.article.published || "").slice(0, 10)}` }),
      el("span", { class: "snippet", text: q.text }))));
  }
  if (!res.items.length) list.append(el("li", { class: "muted", text: "No quotes found." }));
}

// -- article view with highlighted evidence -----------------------------------------------------
function spansOf(record) {
  const spans = [];
  for (const e of record.events) spans.push({ start: e.evidence.start, end: e.evidence.end, cls: "ev", kind: "event", id: e.id });
  for (const q of record.quotes) spans.push({ start: q.start, end: q.end, cls: "qt", kind: "quote", id: q.id });
  for (const g of record.agreements) {
    for (const s of g.evidence) spans.push({ start: s.start, end: s.end, cls: "ag", kind: "agreement", id: g.id });
  }
  return spans;
}

function renderText(text, spans, focus) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(s.start, text.length))); cuts.add(Math.max(0, Math.min(s.end, text.length))); }
  const points = [...cuts].sort((x, y) => x - y);
  const out = document.createDocumentFragment();
  let first = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const covering = spans.filter((s) => s.start <= a && s.end >= b && s.end > s.start);
    const piece = text.slice(a, b);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const classes = new Set(["hl"]);
    let focused = false;
    for (const s of covering) {
      classes.add(s.cls);
      if (focus && s.kind === focus.kind && s.id === focus.id) focused = true;
    }
    if (focused) classes.add("focus");
    const node = el("mark", { class: [...classes].join(" "), text: piece });
    if (focused && !first) first = node;
    out.append(node);
  }
  return { fragment: out, first };
}

async function openArticle(articleId, kind, id) {
  try {
    const rec = await api("articles/" + encodeURIComponent(articleId));
    const a = rec.article;
    $("#article-title").textContent = a.title || a.id;
    $("#article-meta").textContent = [a.source, a.published, a.url].filter(Boolean).join(" · ");
    const { fragment, first } = renderText(rec.text, spansOf(rec), kind ? { kind, id } : null);
    const box = $("#article-text");
    box.replaceChildren(fragment);
    const panel = $("#article");
    panel.hidden = false;
    panel.dataset.article = articleId;
    if (first) first.scrollIntoView({ block: "center" });
  } catch (err) {
    showError(String(err.message || err));
  }
}

// -- filters ----------------------------------------------------------------------------------
function readFilters() {
  state.filters = {
    since: $("#f-since").value, until: $("#f-until").value, type: $("#f-type").value, country: $("#f-country").value,
  };
}

async function refresh() {
  showError("");
  const jobs = [loadTimeline(), loadMap(), loadEvents(), loadDyad(), loadQuotes()];
  const results = await Promise.allSettled(jobs);
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length) showError(String(failed[0].reason.message || failed[0].reason));
  document.body.dataset.ready = String(Date.now());
}

function applyFilters() {
  readFilters();
  return refresh();
}

async function init() {
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
  $("#f-reset").addEventListener("click", () => { $("#filters").reset(); applyFilters(); });
  $("#dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadDyad().catch((x) => showError(x.message)); });
  $("#quote-form").addEventListener("submit", (e) => { e.preventDefault(); loadQuotes().catch((x) => showError(x.message)); });
  $("#events-merged").addEventListener("change", () => {
    loadEvents().catch((x) => showError(x.message)).finally(() => { document.body.dataset.ready = String(Date.now()); });
  });
  $("#article-close").addEventListener("click", () => { $("#article").hidden = true; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") $("#article").hidden = true; });
  $("#token-save").addEventListener("click", () => {
    state.token = $("#token-input").value;
    sessionStorage.setItem("accord-token", state.token);
    $("#token-bar").hidden = true;
    init2();
  });
  await init2();
}

async function init2() {
  try {
    const facets = await api("facets");
    const typeSel = $("#f-type"), countrySel = $("#f-country");
    typeSel.replaceChildren(el("option", { value: "", text: "all" }));
    countrySel.replaceChildren(el("option", { value: "", text: "all" }));
    for (const t of facets.types) typeSel.append(el("option", { value: t, text: t }));
    for (const c of facets.countries) countrySel.append(el("option", { value: c, text: c }));
    if (!$("#dyad-a").value) {
      const top = (await api("dyads", { limit: 1 })).items[0];
      if (top) {
        $("#dyad-a").value = top.a;
        $("#dyad-b").value = top.b;
      }
    }
  } catch (err) {
    showError(String(err.message || err));
    return;
  }
  readFilters();
  await Promise.allSettled([loadAgreements()]);
  await refresh();
}

window.addEventListener("DOMContentLoaded", () => { init(); });
