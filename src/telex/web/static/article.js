// The article page: select a fact in the text (or with a "show" button), show what telex found
// there, and light up everything linked to it. Facts come from the JSON block #facts; everything
// written to the page goes through textContent, never innerHTML: the text is scraped and hostile.
(function () {
  "use strict";
  const facts = JSON.parse(document.getElementById("facts").textContent);
  const text = document.getElementById("text");
  const panel = document.getElementById("fact");
  const runsOf = new Map();
  for (const run of text.querySelectorAll(".run")) {
    for (const id of run.dataset.spans.split(" ")) {
      if (!runsOf.has(id)) runsOf.set(id, []);
      runsOf.get(id).push(run);
    }
  }
  let lit = [];

  function element(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = String(content);
    if (className) node.className = className;
    return node;
  }

  function actorLink(id, name) {
    const link = element("a", name || id);
    link.href = "/actors/" + encodeURIComponent(id);
    return link;
  }

  function row(list, label, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    list.append(element("dt", label));
    const dd = element("dd");
    if (value instanceof Node) dd.append(value); else dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    list.append(dd);
  }

  function describe(fact) {
    panel.replaceChildren();
    const list = element("dl", null, "meta-table");
    if (fact.kind === "mention") {
      panel.append(element("h3", "Actor mention"), element("p", "“" + fact.text + "”", "fact-text"));
      row(list, "actor", actorLink(fact.actor, fact.actor_name));
      row(list, "linked by", fact.rule);
      row(list, "mentions here", fact.links.length);
    } else if (fact.kind === "quote") {
      panel.append(element("h3", "Quote (" + fact.quote_kind + ")"), element("blockquote", fact.text, "fact-text"));
      row(list, "speaker", fact.speaker ? actorLink(fact.speaker, fact.speaker_name) : "unknown");
      row(list, "cue", fact.cue);
    } else if (fact.kind === "event") {
      panel.append(element("h3", "Event " + fact.cameo + (fact.label ? ": " + fact.label : "")));
      row(list, "source", fact.source.length ? fact.source : "—");
      row(list, "target", fact.target.length ? fact.target : "—");
      row(list, "trigger", "“" + fact.trigger + "”");
      row(list, "status", fact.status);
      row(list, "date", fact.date ? fact.date + (fact.date_source ? " (from " + fact.date_source + ")" : "") : "—");
      row(list, "PLOVER", fact.plover);
      row(list, "QuadClass", fact.quad_class);
      row(list, "Goldstein", fact.goldstein);
      row(list, "place", fact.location);
      row(list, "rule", fact.rule);
    }
    panel.append(list);
  }

  function select(id, scroll) {
    const fact = facts[id];
    if (!fact) return;
    for (const run of lit) run.classList.remove("lit", "focus");
    lit = [];
    for (const link of fact.links) {
      for (const run of runsOf.get(link) || []) {
        run.classList.add("lit");
        lit.push(run);
      }
    }
    const own = runsOf.get(fact.id) || [];
    for (const run of own) run.classList.add("focus");
    describe(fact);
    panel.dataset.fact = fact.id;
    history.replaceState(null, "", "#" + fact.id);
    if (scroll && own.length) own[0].scrollIntoView({ block: "center" });
  }

  text.addEventListener("click", function (event) {
    const run = event.target.closest(".run[data-target]");
    if (run) select(run.dataset.target, false);
  });
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-fact]");
    if (button) select(button.dataset.fact, true);
  });
  if (location.hash.length > 1) select(decodeURIComponent(location.hash.slice(1)), true);
})();
