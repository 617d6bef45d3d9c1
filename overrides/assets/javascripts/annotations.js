// The edition's annotations, enhanced: each marker becomes a disclosure button that opens its note in
// place (Escape closes it and returns focus); the fact-checks overview gets filter buttons.
// Without this script every note is listed after its paragraph and the marker links to it.

(() => {
  "use strict";

  // ---- Notes in the article ----

  const markerOf = (note) => document.querySelector(`button.annotation-marker[aria-controls="${note.id}"]`);

  const setOpen = (button, note, open) => {
    button.setAttribute("aria-expanded", String(open));
    note.hidden = !open;
    note.classList.toggle("is-open", open);
  };

  // A marker link becomes a button right before its note, the disclosure pattern screen readers know.
  const enhance = (link) => {
    const note = document.getElementById(link.dataset.annotation);
    if (!note) {
      return;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.id = link.id;
    button.append(...link.childNodes);
    button.setAttribute("aria-controls", note.id);
    link.replaceWith(button);
    const list = note.parentElement;
    note.setAttribute("tabindex", "-1");
    button.after(note);
    setOpen(button, note, false);
    if (!list.querySelector(".annotation")) {
      list.hidden = true;
    }
    button.addEventListener("click", () => setOpen(button, note, note.hidden));
  };

  const close = (note) => {
    const button = markerOf(note);
    if (button) {
      setOpen(button, note, false);
      button.focus();
    }
  };

  // Opening a note's address (#fc-…) opens the note and moves focus there.
  const openFromAddress = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const note = id.startsWith("fc-") && document.getElementById(id);
    if (!note || !note.classList.contains("annotation")) {
      return;
    }
    const button = markerOf(note);
    if (button) {
      setOpen(button, note, true);
      note.focus({ preventScroll: true });
      note.scrollIntoView({ block: "nearest" });
    }
  };

  const setUpNotes = () => {
    document.querySelectorAll("a.annotation-marker[data-annotation]").forEach(enhance);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") {
        return;
      }
      const target = event.target;
      const note = target.closest(".annotation:not([hidden])")
        || (target.matches("button.annotation-marker[aria-expanded='true']")
          && document.getElementById(target.getAttribute("aria-controls")));
      if (note) {
        event.preventDefault();
        close(note);
      }
    });
    // "Back to the text" inside an open note closes it and returns to the marker.
    document.addEventListener("click", (event) => {
      const back = event.target.closest(".annotation a.annotation-back");
      const note = back && back.closest(".annotation");
      if (note && markerOf(note)) {
        event.preventDefault();
        close(note);
      }
    });
    window.addEventListener("hashchange", openFromAddress);
    openFromAddress();
  };

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
