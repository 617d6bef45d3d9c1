// The edition's small enhancements; the site works without them.

// The language switch lands on the same paragraph: carry the address (#p-12) to the other language.
// Capture phase, so this runs before Material's own handler on <body>, which would otherwise send the
// reader to the other language's page without the paragraph (its sitemap lookup drops the hash).
document.addEventListener("click", (event) => {
  const link = event.target.closest(".md-select__link[hreflang]");
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const target = new URL(link.href);
  if (location.hash && !target.hash) {
    target.hash = location.hash;
  }
  event.preventDefault();
  event.stopPropagation();
  location.assign(target.href);
}, true);

// Material's search is a dialog without a name (axe: aria-dialog-name); screen readers announce it
// by the name of its search field ("Suche" / "Search").
const searchDialog = document.querySelector(".md-search[role='dialog']");
const searchField = document.querySelector(".md-search__input[aria-label]");
if (searchDialog && searchField && !searchDialog.hasAttribute("aria-label")) {
  searchDialog.setAttribute("aria-label", searchField.getAttribute("aria-label"));
}
