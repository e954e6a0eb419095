// Tags as you type: the existing tags that match, with how many releases carry them, and a
// new tag only when "New tag: …" is chosen. The choices are written back into the text
// field, quoted as taggit reads them, so the form sends what it always sent.
"use strict";
(function ($) {
  const quoted = (name) => (/[ ,]/.test(name) ? `"${name.replace(/"/g, "")}"` : name);

  function enhance(input) {
    const select = $('<select multiple class="tag-suggestions"></select>');
    const label = document.querySelector(`label[for="${input.id}"]`);
    for (const name of JSON.parse(input.dataset.tags || "[]")) {
      select.append(new Option(name, name, true, true));
    }
    select.attr("id", `${input.id}_choices`);
    if (label) label.htmlFor = select.attr("id");
    $(input).after(select).attr({ type: "hidden" });
    select.select2({
      width: "min(100%, 48rem)",
      tags: true,
      minimumInputLength: 1,
      ajax: {
        url: input.dataset.tagSuggestions,
        dataType: "json",
        delay: 200,
        data: (params) => ({ q: params.term }),
      },
      createTag: (params) => {
        const name = params.term.trim();
        return name ? { id: name, text: `New tag: ${name}`, newTag: true } : null;
      },
      // Suggestions before the new tag; the new one is never picked by pressing Enter first.
      insertTag: (data, tag) => data.push(tag),
      templateSelection: (choice) => choice.id,
    });
    select.on("change", () => {
      input.value = (select.val() || []).map(quoted).join(", ");
    });
  }

  $(() => document.querySelectorAll("input[data-tag-suggestions]").forEach(enhance));
})(django.jQuery);
