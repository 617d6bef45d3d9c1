// Select and annotate, in `make serve` only (edition/authoring/): select a phrase of the article and
// choose "Annotate" or "Translator's note"; "Edit" on a note opens the same form with its values.
// Every request carries the token the preview made for this run; the server writes the file.

(() => {
  "use strict";

  const config = JSON.parse(document.getElementById("edition-authoring").textContent);
  const BLOCKS = "[id^='p-'], [id^='k-'], [id^='s-']";
  // What a reader does not read as the author's text: footnote numbers, note markers and notes, hidden labels.
  const NOT_TEXT = "sup[id^='fnref'], .footnote-ref, .annotation-marker, .annotation, .annotations, "
    + ".visually-hidden, .headerlink, [data-search-exclude], .ea-ui";
  const language = document.documentElement.lang === "en" ? "en" : "de";
  const other = language === "de" ? "en" : "de";
  const article = document.querySelector(".md-content article");

  const api = async (path, body) => {
    const response = await fetch(`${config.prefix}api/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "X-Edition-Token": config.token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  };

  // ---- The reading text of a block, as the anchoring reads it (edition/annotations/anchoring.py) ----

  const textNodes = (block) => {
    const nodes = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest(NOT_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let start = 0;
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start });
      start += walker.currentNode.data.length;
    }
    return { nodes, text: nodes.map(({ node }) => node.data).join("").replace(/\n/g, " ") };
  };

  // Where a boundary point (container, offset) falls in the reading text.
  const offsetIn = (nodes, container, offset) => {
    for (const { node, start } of nodes) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const position = range.comparePoint(container, offset);
      if (position < 0) {
        return start;
      }
      if (position === 0) {
        return container === node ? start + offset : start;
      }
    }
    const last = nodes[nodes.length - 1];
    return last ? last.start + last.node.data.length : 0;
  };

  const selectedPhrase = () => {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !article) {
      return null;
    }
    const range = selection.getRangeAt(0);
    const block = range.startContainer.parentElement?.closest(BLOCKS);
    if (!block || !article.contains(block) || !block.contains(range.endContainer)) {
      return null;
    }
    const { nodes, text } = textNodes(block);
    let start = offsetIn(nodes, range.startContainer, range.startOffset);
    let end = offsetIn(nodes, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    return end > start ? { block: block.id, exact: text.slice(start, end), start } : null;
  };

  // ---- The toolbar that appears over a selection ----

  const toolbar = document.createElement("div");
  toolbar.className = "ea-ui ea-toolbar";
  toolbar.hidden = true;
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Annotate the selected phrase");
  for (const [kind, words] of [["fact-check", "Annotate"], ["translator-note", "Translator's note"]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = words;
    button.dataset.kind = kind;
    button.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
    button.addEventListener("click", () => {
      const phrase = toolbar.phrase;
      toolbar.hidden = true;
      if (phrase) {
        openForm({ kind, anchor: { [language]: phrase } }, null);
      }
    });
    toolbar.append(button);
  }
  document.body.append(toolbar);

  const showToolbar = () => {
    const phrase = selectedPhrase();
    toolbar.phrase = phrase;
    if (!phrase) {
      toolbar.hidden = true;
      return;
    }
    const box = document.getSelection().getRangeAt(0).getBoundingClientRect();
    toolbar.hidden = false;
    const top = window.scrollY + box.top - toolbar.offsetHeight - 8;
    const left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + innerWidth - toolbar.offsetWidth - 8));
    toolbar.style.top = `${top < window.scrollY ? window.scrollY + box.bottom + 8 : top}px`;
    toolbar.style.left = `${left}px`;
  };
  document.addEventListener("mouseup", (event) => {
    if (!toolbar.contains(event.target) && !event.target.closest(".ea-dialog")) {
      setTimeout(showToolbar, 0);
    }
  });
  document.addEventListener("keyup", (event) => {
    if (event.shiftKey && event.key.startsWith("Arrow")) {
      showToolbar();
    }
  });
  // Keyboard: Alt+Shift+A annotates the selection, Alt+Shift+T makes it a translator's note.
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || !event.shiftKey || dialog.open) {
      return;
    }
    const kind = { KeyA: "fact-check", KeyT: "translator-note" }[event.code];
    const phrase = kind && selectedPhrase();
    if (phrase) {
      event.preventDefault();
      openForm({ kind, anchor: { [language]: phrase } }, null);
    }
  });

  // ---- "Edit" on every note ----

  const idOf = (note) => note.id.replace(/^fc-/, "");
  const addEdit = (note) => {
    if (!note || !note.id || !note.id.startsWith("fc-") || note.querySelector(":scope > .ea-edit")) {
      return;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ea-ui ea-edit";
    button.textContent = "Edit";
    button.setAttribute("aria-label", `Edit ${idOf(note)}.yml`);
    button.addEventListener("click", async () => {
      const answer = await api(`annotation?id=${encodeURIComponent(idOf(note))}`);
      if (answer.values) {
        openForm(answer.values, idOf(note));
      } else {
        alert((answer.errors || ["cannot open this note"]).join("\n"));
      }
    });
    note.append(button);
  };
  const addEditButtons = () => document.querySelectorAll(".annotation[id^='fc-']").forEach(addEdit);
  document.addEventListener("edition:annotation-open", (event) => addEdit(event.detail && event.detail.element));

  // ---- The form ----

  const dialog = document.createElement("dialog");
  dialog.className = "ea-ui ea-dialog";
  dialog.setAttribute("aria-labelledby", "ea-title");
  document.body.append(dialog);
  let formHtml = null;

  const field = (form, name) => form.elements.namedItem(name);

  const slug = (text) => text.toLowerCase()
    .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .split("-").slice(0, 5).join("-");

  const openForm = async (values, editing) => {
    if (formHtml === null) {
      formHtml = (await api("form")).html;
    }
    dialog.innerHTML = formHtml;
    const form = dialog.querySelector("form");
    const kind = values.kind || "fact-check";
    form.querySelector(`[name=kind][value='${kind}']`).checked = true;
    const firstPhrase = Object.values(values.anchor || {})[0] || {};
    const suggested = slug(firstPhrase.exact || "");
    field(form, "id").value = values.id || (kind === "translator-note" ? `tn-${suggested}` : suggested);
    field(form, "id").readOnly = Boolean(editing);
    if (values.verdict) {
      form.querySelector(`[name=verdict][value='${values.verdict}']`).checked = true;
    }
    for (const key of ["claim", "summary", "note"]) {
      for (const code of ["de", "en"]) {
        const input = field(form, `${key}.${code}`);
        if (input && values[key] && values[key][code]) {
          input.value = values[key][code];
        }
      }
    }
    field(form, "reviewed_by").value = values.reviewed_by || (kind === "translator-note" ? "translator" : "editors");
    for (const source of values.sources || []) {
      addSource(form, source);
    }
    if (!(values.sources || []).length && kind === "fact-check") {
      addSource(form, {});
    }
    form.querySelector("h2").textContent = `${editing ? "Edit" : "New"} ${kind === "translator-note" ? "translator's note" : "fact-check"}${editing ? `: ${editing}.yml` : ""}`;
    setUpAnchors(form, values.anchor || {});
    showKind(form);
    form.addEventListener("change", (event) => {
      if (event.target.name === "kind") showKind(form);
      if (event.target.name === "verdict") labelSummaries(form, event.target);
    });
    form.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]")?.dataset.action;
      if (action === "cancel") dialog.close();
      if (action === "add-source") addSource(form, {});
      if (action === "remove-source") event.target.closest(".ea-source").remove();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      save(form, editing);
    });
    dialog.showModal();
    form.querySelector("h2").focus();
  };

  const showKind = (form) => {
    const fact = form.querySelector("[name=kind]:checked").value === "fact-check";
    form.querySelectorAll(".ea-fact-only").forEach((part) => { part.hidden = !fact; });
  };

  // A summary opens with its verdict's label: choosing a verdict writes or replaces that label.
  const labelSummaries = (form, radio) => {
    const labels = [...form.querySelectorAll("[name=verdict]")].flatMap((input) => [input.dataset.labelDe, input.dataset.labelEn]);
    for (const code of ["de", "en"]) {
      const summary = field(form, `summary.${code}`);
      const label = radio.dataset[code === "de" ? "labelDe" : "labelEn"];
      const current = labels.find((old) => summary.value.startsWith(`${old}: `));
      summary.value = current ? `${label}: ${summary.value.slice(current.length + 2)}` : `${label}: ${summary.value}`;
    }
  };

  const addSource = (form, source) => {
    const part = form.querySelector("template[data-role=source]").content.firstElementChild.cloneNode(true);
    for (const input of part.querySelectorAll("[data-key]")) {
      const [key, code] = input.dataset.key.split(".");
      const value = code ? (source[key] || {})[code] : source[key];
      if (value) input.value = value;
    }
    form.querySelector("[data-role=sources]").append(part);
  };

  // Each language's phrase: typed, taken from the selection, or selected in the matching paragraph,
  // with the server's answer whether it is found exactly once.
  const setUpAnchors = (form, anchors) => {
    const blockId = Object.values(anchors).find((anchor) => anchor.block)?.block;
    for (const part of form.querySelectorAll(".ea-anchor")) {
      const code = part.dataset.language;
      const anchor = anchors[code] || {};
      const input = part.querySelector("input");
      part.block = anchor.block || blockId || "";
      part.start = anchor.start ?? null;
      input.value = anchor.exact || "";
      part.querySelector("[data-role=where]").textContent = part.block ? `in ${part.block}` : "";
      let timer;
      const check = () => {
        clearTimeout(timer);
        timer = setTimeout(() => feedback(part), 250);
      };
      input.addEventListener("input", () => { part.start = null; check(); });
      if (input.value) check();
      if (code !== language || !anchor.exact) {
        showPassage(part, check);
      }
    }
  };

  const showPassage = async (part, check) => {
    if (!part.block) return;
    const answer = await api(`passage?language=${part.dataset.language}&block=${encodeURIComponent(part.block)}`);
    const box = part.querySelector("[data-role=passage-box]");
    const passage = part.querySelector("[data-role=passage]");
    if (answer.text === null || answer.text === undefined) {
      part.querySelector("[data-role=feedback]").textContent = answer.message || "";
      return;
    }
    passage.textContent = answer.text;
    box.hidden = false;
    const take = () => {
      const selection = document.getSelection();
      if (!selection || selection.isCollapsed || !passage.contains(selection.anchorNode)) return;
      const range = selection.getRangeAt(0);
      const text = passage.textContent;
      let start = range.startContainer === passage.firstChild ? range.startOffset : 0;
      let end = range.endContainer === passage.firstChild ? range.endOffset : text.length;
      while (start < end && /\s/.test(text[start])) start += 1;
      while (end > start && /\s/.test(text[end - 1])) end -= 1;
      if (end > start) {
        part.querySelector("input").value = text.slice(start, end);
        part.start = start;
        check();
      }
    };
    passage.addEventListener("mouseup", take);
    passage.addEventListener("keyup", take);
  };

  const feedback = async (part) => {
    const output = part.querySelector("[data-role=feedback]");
    const exact = part.querySelector("input").value;
    if (!exact.trim()) {
      output.textContent = "";
      output.className = "ea-feedback";
      return;
    }
    const answer = await api("anchor", { language: part.dataset.language, block: part.block, exact, start: part.start });
    output.textContent = answer.ok ? `✓ ${answer.message}` : `✗ ${answer.message || answer.errors}`;
    output.className = `ea-feedback ${answer.ok ? "is-found" : "is-missing"}`;
  };

  const values = (form, editing) => {
    const texts = (key) => Object.fromEntries(["de", "en"].map((code) => [code, field(form, `${key}.${code}`)?.value || ""]));
    const anchor = {};
    for (const part of form.querySelectorAll(".ea-anchor")) {
      anchor[part.dataset.language] = { exact: part.querySelector("input").value, block: part.block, start: part.start };
    }
    const sources = [...form.querySelectorAll(".ea-source")].map((part) => {
      const source = { quote_translation: {} };
      for (const input of part.querySelectorAll("[data-key]")) {
        const [key, code] = input.dataset.key.split(".");
        if (code) source[key][code] = input.value;
        else source[key] = input.value;
      }
      return source;
    });
    const kind = form.querySelector("[name=kind]:checked").value;
    return {
      editing, kind, anchor, sources,
      id: field(form, "id").value,
      verdict: form.querySelector("[name=verdict]:checked")?.value || "",
      claim: texts("claim"), summary: texts("summary"), note: texts("note"),
      reviewed_by: field(form, "reviewed_by").value,
    };
  };

  const save = async (form, editing) => {
    const errors = form.querySelector("[data-role=errors]");
    const status = form.querySelector("[data-role=status]");
    errors.replaceChildren();
    status.textContent = "Checking…";
    const answer = await api("save", values(form, editing));
    if (answer.errors) {
      status.textContent = "";
      const list = document.createElement("ul");
      for (const line of answer.errors) {
        const item = document.createElement("li");
        item.textContent = line;
        list.append(item);
      }
      errors.append(list);
      errors.focus();
      return;
    }
    // The preview rebuilds on the new file and reloads this page; the address opens the note.
    status.textContent = `Saved ${answer.path}. The page reloads once the site is rebuilt…`;
    form.querySelector(".ea-save").disabled = true;
    history.replaceState(null, "", `#fc-${answer.id}`);
  };

  addEditButtons();
})();
