// The edition's annotations in the reader's browser.
//
// In the article: each marker link becomes a disclosure button. Its note is parsed only when it is first
// opened, from the <noscript> that holds its section's endnotes (with JavaScript that markup is plain
// text: no DOM, no layout, no work while reading). An open note stands beside the text on wide screens
// (in the margin at the height of its marker; several open notes stack without overlapping, the current
// one in full) and over the text on phones (a sheet at the bottom with a close button). Neither moves
// the text. Escape closes; focus goes into the note and back to its marker; #fc-… addresses open notes.
// The filter (all / only problems / none) is html[data-notes], set before the first paint by the head's
// script from ?notes= or localStorage; choosing one saves it and puts it in the address.
// The fact-checks overview gets filter buttons.
//
// Public surface (for the editors' authoring script): window.edition.annotations.{open(id), close(),
// current()} and the document events edition:annotation-open / edition:annotation-close, detail {id, element}.
// Without this script every note is an endnote of its section, linked both ways with its marker.

(() => {
  "use strict";

  const root = document.documentElement;
  const WIDE = window.matchMedia("(min-width: 60em)");
  const FILTERS = ["all", "problems", "none"];
  const STORED = "edition.notes";
  const GAP = 8; // px between stacked notes in the margin

  // ---- Notes in the article ----

  const opened = []; // ids of the open notes, the current one last
  const homes = new Map(); // id → the comment that keeps an open note's place among the endnotes

  const idOf = (value) => String(value).replace(/^#?fc-/, "");
  const markerOf = (id) => document.getElementById(`fc-${id}-marker`);
  const current = () => opened[opened.length - 1] || null;

  // The endnotes of one section, parsed once from their <noscript> markup.
  const parse = (endnotes) => {
    const source = endnotes.querySelector(":scope > noscript");
    if (!source) {
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = source.textContent;
    template.content.querySelectorAll(".annotation").forEach((note) => {
      note.hidden = true;
      note.tabIndex = -1;
    });
    source.replaceWith(template.content);
  };

  const noteOf = (id) => {
    let note = document.getElementById(`fc-${id}`);
    if (!note || !note.classList.contains("annotation")) {
      const holder = [...document.querySelectorAll(".annotation-endnotes")]
        .find((endnotes) => endnotes.querySelector(":scope > noscript")?.textContent.includes(`id="fc-${id}"`));
      if (holder) {
        parse(holder);
      }
      note = document.getElementById(`fc-${id}`);
    }
    return note && note.classList.contains("annotation") ? note : null;
  };

  const announce = (type, id, note) => {
    document.dispatchEvent(new CustomEvent(`edition:annotation-${type}`, { detail: { id, element: note } }));
  };

  // Where each open note stands: beside its marker's line, below the note above it if they would meet.
  const layout = () => {
    const wide = WIDE.matches;
    const ordered = opened.map((id) => [id, markerOf(id), document.getElementById(`fc-${id}`)])
      .filter(([, marker, note]) => marker && note)
      .sort(([, a], [, b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    let floor = -Infinity;
    for (const [id, marker, note] of ordered) {
      note.classList.toggle("is-collapsed", wide && id !== current());
      if (!wide) {
        note.style.top = "";
        continue;
      }
      const container = note.offsetParent || document.body;
      const top = Math.max(marker.getBoundingClientRect().top - container.getBoundingClientRect().top, floor);
      note.style.top = `${Math.round(top)}px`;
      floor = top + note.offsetHeight + GAP;
    }
  };

  const hide = (id) => {
    const note = document.getElementById(`fc-${id}`);
    const marker = markerOf(id);
    opened.splice(opened.indexOf(id), 1);
    marker?.setAttribute("aria-expanded", "false");
    marker?.classList.remove("is-revealed");
    if (note) {
      note.hidden = true;
      note.classList.remove("is-open", "is-collapsed");
      homes.get(id)?.replaceWith(note);
      homes.delete(id);
    }
    return note;
  };

  const open = (value, { focus = true } = {}) => {
    const id = idOf(value);
    const marker = markerOf(id);
    const note = marker && marker.matches("button") && noteOf(id);
    if (!note) {
      return false;
    }
    // A phone shows one note at a time; a wide screen keeps the others open, collapsed.
    opened.filter((other) => other !== id && !WIDE.matches).forEach(hide);
    if (opened.includes(id)) {
      opened.splice(opened.indexOf(id), 1);
    } else {
      // Right after its marker, so that a screen reader reads the note where it belongs.
      const home = document.createComment(`fc-${id}`);
      note.replaceWith(home);
      homes.set(id, home);
      marker.after(note);
    }
    opened.push(id);
    marker.setAttribute("aria-controls", note.id);
    marker.setAttribute("aria-expanded", "true");
    // A marker the filter hides, reached by its address, shows while its note is open.
    if (getComputedStyle(marker).display === "none") {
      marker.classList.add("is-revealed");
    }
    note.hidden = false;
    note.classList.add("is-open");
    layout();
    if (!WIDE.matches) {
      // The sheet covers the bottom of the screen: scroll (never shift) the marker above it.
      const covered = marker.getBoundingClientRect().bottom - (window.innerHeight - note.offsetHeight) + GAP;
      if (covered > 0 || marker.getBoundingClientRect().top < 0) {
        window.scrollBy(0, marker.getBoundingClientRect().top < 0 ? marker.getBoundingClientRect().top - 64 : covered);
      }
    } else if (focus) {
      // A note that starts low on the screen and runs off it scrolls up (the text scrolls with it).
      const box = note.getBoundingClientRect();
      if (box.top < 0 || (box.bottom > window.innerHeight && box.top > window.innerHeight * 0.4)) {
        window.scrollBy(0, box.top - 96);
      }
    }
    if (focus) {
      note.focus({ preventScroll: true });
    }
    announce("open", id, note);
    return true;
  };

  const close = (value = current(), { focus = true } = {}) => {
    const id = value && idOf(value);
    if (!id || !opened.includes(id)) {
      return false;
    }
    const note = hide(id);
    layout();
    if (focus) {
      markerOf(id)?.focus();
    }
    announce("close", id, note);
    return true;
  };

  // A marker link becomes a button with the same look, the disclosure pattern screen readers know.
  const enhance = (link) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.id = link.id;
    button.dataset.annotation = link.dataset.annotation;
    button.setAttribute("data-search-exclude", "");
    button.setAttribute("aria-label", link.getAttribute("aria-label"));
    button.setAttribute("aria-expanded", "false");
    button.append(...link.childNodes);
    link.replaceWith(button);
  };

  const openFromAddress = () => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("fc-") && !hash.endsWith("-marker")) {
      open(hash);
    }
  };

  // The filter: which markers the article shows.
  const setUpNoteFilter = () => {
    const radios = [...document.querySelectorAll(".annotation-filter input[name='notes']")];
    const check = () => radios.forEach((radio) => { radio.checked = radio.value === root.dataset.notes; });
    check();
    radios.forEach((radio) => radio.addEventListener("change", () => {
      root.dataset.notes = radio.value;
      try {
        localStorage.setItem(STORED, radio.value);
      } catch (error) {
        // Storage may be off (private modes): the choice then lasts for this page.
      }
      const address = new URL(location.href);
      address.searchParams.set("notes", radio.value);
      history.replaceState(history.state, "", address);
      // A note whose marker the filter now hides closes.
      opened.filter((id) => getComputedStyle(markerOf(id)).display === "none").forEach((id) => close(id, { focus: false }));
      layout();
    }));
    if (!FILTERS.includes(root.dataset.notes)) {
      root.dataset.notes = "all";
      check();
    }
  };

  // Print keeps every note: as the endnotes of its section.
  const printEverything = () => {
    [...opened].forEach((id) => close(id, { focus: false }));
    document.querySelectorAll(".annotation-endnotes").forEach(parse);
  };

  const setUpNotes = () => {
    const links = document.querySelectorAll("a.annotation-marker[data-annotation]");
    if (!links.length) {
      return;
    }
    links.forEach(enhance);
    document.addEventListener("click", (event) => {
      const marker = event.target.closest("button.annotation-marker");
      if (marker) {
        const id = marker.dataset.annotation;
        if (opened.includes(id) && (id === current() || !WIDE.matches)) {
          close(id);
        } else {
          open(id);
        }
        return;
      }
      const note = event.target.closest(".annotation.is-open");
      if (!note) {
        return;
      }
      const id = note.dataset.annotation;
      if (event.target.closest(".annotation-close, a.annotation-back")) {
        // "Close" and "Back to the text" close the note and return to its marker.
        event.preventDefault();
        close(id);
      } else if (id !== current()) {
        // A collapsed note in the margin, clicked, becomes the current one, shown in full.
        open(id, { focus: false });
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !current()) {
        return;
      }
      const note = event.target.closest?.(".annotation.is-open");
      const marker = event.target.closest?.("button.annotation-marker[aria-expanded='true']");
      const id = note?.dataset.annotation || marker?.dataset.annotation || current();
      event.preventDefault();
      close(id);
    });
    window.addEventListener("hashchange", openFromAddress);
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => {
        if (!WIDE.matches) {
          opened.slice(0, -1).forEach((id) => close(id, { focus: false }));
        }
        layout();
      });
    });
    window.addEventListener("beforeprint", printEverything);
    window.matchMedia("print").addEventListener("change", (event) => event.matches && printEverything());
    setUpNoteFilter();
    openFromAddress();
  };

  window.edition = Object.assign(window.edition || {}, {
    annotations: { open: (id) => open(id), close: () => close(), current },
  });

  // ---- The fact-checks overview ----

  const setUpFilter = (overview) => {
    const list = overview.querySelector(".fact-check-list");
    if (!list) {
      return;
    }
    const items = [...list.children];
    const status = document.createElement("p");
    status.className = "fact-check-status";
    status.setAttribute("role", "status");
    const group = document.createElement("div");
    group.className = "fact-check-filter";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", overview.dataset.filter);

    const show = (verdict, pressed) => {
      let shown = 0;
      items.forEach((item) => {
        item.hidden = verdict !== "" && item.dataset.verdict !== verdict;
        shown += item.hidden ? 0 : 1;
      });
      group.querySelectorAll("button").forEach((button) => {
        button.setAttribute("aria-pressed", String(button === pressed));
      });
      status.textContent = overview.dataset.shown
        .replace("{shown}", shown).replace("{total}", items.length);
    };

    const addButton = (verdict, label, count) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${label} (${count})`;
      button.addEventListener("click", () => show(verdict, button));
      group.append(button);
      return button;
    };

    const all = addButton("", overview.dataset.all, items.length);
    overview.querySelectorAll("table.verdicts [data-verdict]").forEach((label) => {
      const count = items.filter((item) => item.dataset.verdict === label.dataset.verdict).length;
      if (count > 0) {
        addButton(label.dataset.verdict, label.textContent, count);
      }
    });
    list.before(group, status);
    show("", all);
  };

  const start = () => {
    setUpNotes();
    document.querySelectorAll(".fact-checks").forEach(setUpFilter);
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
