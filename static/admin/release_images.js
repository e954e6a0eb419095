// An image's alt text, required on the server, is asked for here before anything is sent
// (the admin's forms turn the browser's own checks off): quicker than a round trip. When
// the form does come back with an error, the server keeps the chosen file
// (press/kept_uploads.py), since browsers never refill a file input.
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
