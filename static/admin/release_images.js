// Browsers never refill a file input, so an image chosen in a form that comes back with an
// error must be chosen again. Its alt text, required on the server, is therefore asked for
// here before anything is sent (the admin's forms turn the browser's own checks off).
document.addEventListener("submit", (event) => {
  const chosen = event.target.querySelectorAll('input[type="file"][name^="images-"][name$="-image"]');
  for (const input of chosen) {
    const altText = document.getElementById(input.id.replace(/-image$/, "-alt_text"));
    if (input.files.length && altText && !altText.value.trim()) {
      event.preventDefault();
      altText.required = true;
      altText.reportValidity();
      altText.focus();
      return;
    }
  }
});
