// A little help where JavaScript runs; every form works without it.

// Copy buttons: <button data-copy="id-of-input">.
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.copy);
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      document.execCommand('copy');
    }
    const label = button.textContent;
    button.textContent = button.dataset.copied || label;
    setTimeout(() => (button.textContent = label), 2000);
  });
}

// Move focus to the error summary so screen readers announce it.
const summary = document.querySelector('.error-summary');
if (summary) summary.focus();

// Buttons that would lose data ask first: <form data-confirm="question">.
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

// A submitted form cannot be sent twice by a second tap.
for (const form of document.querySelectorAll('form[method="post"]')) {
  form.addEventListener('submit', (event) => {
    if (event.defaultPrevented) return;
    if (form.dataset.sent) event.preventDefault();
    form.dataset.sent = '1';
  });
}

// Coming back with the browser's Back button shows the page as it was: forms usable again.
window.addEventListener('pageshow', () => {
  for (const form of document.forms) delete form.dataset.sent;
});
