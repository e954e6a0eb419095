// The withdrawal reason belongs to the Withdraw button: hidden until it is pressed, then
// asked for before the form is sent. (Without this script the field simply shows.)
document.addEventListener("DOMContentLoaded", () => {
  const withdraw = document.getElementById("action-withdraw");
  const row = document.querySelector(".form-row.field-withdrawal_reason");
  const reason = document.getElementById("id_withdrawal_reason");
  if (!withdraw || !row || !reason) return;
  if (!reason.value.trim() && !row.classList.contains("errors")) row.hidden = true;
  withdraw.addEventListener("click", (event) => {
    if (row.hidden || !reason.value.trim()) {
      event.preventDefault();
      row.hidden = false;
      reason.required = true;
      reason.focus();
      reason.reportValidity();
    }
  });
});
