// Keeps what an editor ticks in a Wagtail multiple chooser across searches
// and result pages, and through the "Create" tab (see recap/core/choosers.py).
(() => {
  if (window.recapChooserPicks) return;
  window.recapChooserPicks = true;

  const script = document.currentScript;
  const LABEL = (script && script.dataset.pickedLabel) || 'Picked so far:';
  const REMOVE = (script && script.dataset.removeLabel) || 'Remove';
  const FORM = 'form[data-multiple-choice-form]';
  const BOX = 'input[data-multiple-choice-select]';
  const picksOf = new WeakMap(); // form -> Map(pk -> name)

  function nameOf(box) {
    const row = box.closest('tr');
    if (!row) return box.value;
    const cell = row.querySelector('a') || row.cells[1] || row;
    return cell.textContent.trim() || box.value;
  }

  function picks(form) {
    if (!picksOf.has(form)) picksOf.set(form, new Map());
    return picksOf.get(form);
  }

  function tray(form) {
    let found = form.querySelector('[data-recap-picks]');
    if (!found) {
      found = document.createElement('div');
      found.dataset.recapPicks = '';
      found.className = 'recap-picks';
      found.hidden = true;
      found.style.marginBottom = '1rem';
      const label = document.createElement('p');
      label.className = 'recap-picks__label';
      label.textContent = LABEL;
      const list = document.createElement('ul');
      list.className = 'recap-picks__list';
      found.append(label, list);
      const submit = form.querySelector('[data-multiple-choice-submit]');
      form.insertBefore(found, submit);
    }
    return found;
  }

  // Tick the visible picks; the others travel as hidden fields. Touches the
  // DOM only when something changed (this runs from a MutationObserver).
  function render(form) {
    const picked = picks(form);
    const visible = new Set();
    form.querySelectorAll(BOX).forEach((box) => {
      visible.add(box.value);
      const want = picked.has(box.value);
      if (box.checked !== want) box.checked = want;
    });
    const hiddenIds = [...picked.keys()].filter((pk) => !visible.has(pk));
    const box = tray(form);
    const signature = JSON.stringify([...picked.entries(), hiddenIds]);
    if (box.dataset.signature !== signature) {
      box.dataset.signature = signature;
      const list = box.querySelector('ul');
      list.replaceChildren();
      picked.forEach((name, pk) => {
        const item = document.createElement('li');
        item.dataset.pk = pk;
        item.style.margin = '0.25rem 0';
        item.append(document.createTextNode(`${name} `));
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button button-small button-secondary';
        remove.dataset.recapUnpick = pk;
        remove.textContent = REMOVE;
        remove.setAttribute('aria-label', `${REMOVE}: ${name}`);
        item.append(remove);
        if (hiddenIds.includes(pk)) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = 'id';
          input.value = pk;
          item.append(input);
        }
        list.append(item);
      });
      box.hidden = picked.size === 0;
    }
    const submit = form.querySelector('[data-multiple-choice-submit]');
    if (submit && submit.disabled === picked.size > 0) submit.disabled = picked.size === 0;
  }

  document.addEventListener('change', (event) => {
    const box = event.target.closest && event.target.closest(BOX);
    const form = box && box.closest(FORM);
    if (!form) return;
    if (box.checked) picks(form).set(box.value, nameOf(box));
    else picks(form).delete(box.value);
    render(form);
  });

  document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('[data-recap-unpick]');
    const form = button && button.closest(FORM);
    if (!form) return;
    picks(form).delete(button.dataset.recapUnpick);
    render(form);
  });

  // "Create" in a multiple chooser: send the picks along, so the new item
  // is added with them (KeepPicksCreateView).
  document.addEventListener(
    'submit',
    (event) => {
      const creation = event.target.closest && event.target.closest('form[data-chooser-modal-creation-form]');
      const modal = creation && creation.closest('.modal, [role="dialog"]');
      const form = modal && modal.querySelector(FORM);
      if (!form) return;
      creation.querySelectorAll('input[name="picked"]').forEach((input) => input.remove());
      picks(form).forEach((_name, pk) => {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'picked';
        input.value = pk;
        creation.append(input);
      });
    },
    true,
  );

  // New results (a search, another page) replace the ticked rows: tick again.
  new MutationObserver(() => {
    document.querySelectorAll(FORM).forEach((form) => {
      if (picksOf.has(form)) render(form);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
