// The edition's small enhancements; the site works without them.

// The language switch lands on the same paragraph: carry the address (#p-12) to the other language.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".md-select__link[hreflang]");
  if (link && location.hash && !link.hash) {
    link.hash = location.hash;
  }
});
