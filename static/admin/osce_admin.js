// Accessible names and structure for the widgets the admin's libraries build in the page:
// select2's search boxes and the rich-text editor get the name of their field's label, and
// select2's "clear" cross leaves its list of choices (a list holds list items only). They are
// built after load, and rebuilt, so the fixes follow every change of the page.
(() => {
  const labelText = (id) => {
    const label = id && document.querySelector(`label[for="${id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  };

  const fix = () => {
    for (const search of document.querySelectorAll(".select2-search__field:not([aria-label])")) {
      const container = search.closest(".select2-container");
      const select = container && container.previousElementSibling;
      const name = select && labelText(select.id);
      if (name) search.setAttribute("aria-label", name);
    }
    // A single choice's box is named by the choice shown, which is empty at first.
    for (const box of document.querySelectorAll('.select2-selection[role="combobox"]:not([data-named])')) {
      const select = box.closest(".select2-container")?.previousElementSibling;
      const label = select && document.querySelector(`label[for="${select.id}"]`);
      if (!label) continue;
      label.id ||= `${select.id}-label`;
      const shown = box.getAttribute("aria-labelledby");
      box.setAttribute("aria-labelledby", shown ? `${label.id} ${shown}` : label.id);
      box.querySelector('[role="textbox"]')?.setAttribute("aria-labelledby", label.id);
      box.dataset.named = "";
    }
    for (const clear of document.querySelectorAll(".select2-selection__rendered > .select2-selection__clear")) {
      clear.parentElement.after(clear);
    }
    for (const editor of document.querySelectorAll(".prose-editor .ProseMirror[contenteditable]:not([aria-label])")) {
      const field = editor.closest(".prose-editor").querySelector("textarea");
      const name = field && labelText(field.id);
      if (name) editor.setAttribute("aria-label", name);
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    fix();
    new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  });
})();
