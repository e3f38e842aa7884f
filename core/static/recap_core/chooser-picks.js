// Keeps what an editor ticks in a Wagtail multiple chooser across searches
// and result pages, and through the "Create" tab (see recap/core/choosers.py).
(() => {
  if (window.recapChooserPicks) return;
  window.recapChooserPicks = true;

  const script = document.currentScript;
  const LABEL = (script && script.dataset.pickedLabel) || 'Picked so far:';
  const REMOVE = (script && script.dataset.removeLabel) || 'Remove';
  const ALREADY = (script && script.dataset.alreadyLabel) || 'Already chosen';
  const FORM = 'form[data-multiple-choice-form]';
  const BOX = 'input[data-multiple-choice-select]';
  const picksOf = new WeakMap(); // form -> Map(pk -> name)
  // What the panel whose "Add" button opened the modal has chosen already
  // (its rows' chooser values): those rows are marked and cannot be ticked.
  let alreadyChosen = new Set();
  const ROW_FIELD = /^(.+)-(\d+)-([A-Za-z_][\w]*)$/;
  const NOT_CHOSEN = new Set(['id', 'ORDER', 'DELETE']);

  function chosenInPanel(prefix) {
    const chosen = new Set();
    const deleted = new Set();
    document.querySelectorAll(`input[name^="${CSS.escape(prefix)}-"]`).forEach((input) => {
      const match = input.name.match(ROW_FIELD);
      if (!match || match[1] !== prefix || match[2] === undefined) return;
      if (match[3] === 'DELETE' && input.value && input.value !== 'false') deleted.add(match[2]);
    });
    document.querySelectorAll(`input[type="hidden"][name^="${CSS.escape(prefix)}-"]`).forEach((input) => {
      const match = input.name.match(ROW_FIELD);
      if (!match || match[1] !== prefix || NOT_CHOSEN.has(match[3])) return;
      if (input.value && !deleted.has(match[2])) chosen.add(input.value);
    });
    return chosen;
  }

  document.addEventListener(
    'click',
    (event) => {
      const button = event.target.closest && event.target.closest('button');
      if (!button) return;
      if (button.id && button.id.endsWith('-OPEN_MODAL')) {
        alreadyChosen = chosenInPanel(button.id.replace(/^id_/, '').replace(/-OPEN_MODAL$/, ''));
      } else if (button.matches('.chooser__choose-button, [data-chooser-action-choose]')) {
        alreadyChosen = new Set(); // another chooser: nothing to mark
      }
    },
    true,
  );

  function markChosen(form) {
    form.querySelectorAll(BOX).forEach((box) => {
      const row = box.closest('tr');
      const chosen = alreadyChosen.has(box.value);
      if (box.disabled === chosen && (!row || row.classList.contains('recap-chosen') === chosen)) return;
      box.disabled = chosen;
      if (chosen) box.checked = false;
      if (!row) return;
      row.classList.toggle('recap-chosen', chosen);
      let badge = row.querySelector('[data-recap-chosen]');
      if (chosen && !badge) {
        badge = document.createElement('span');
        badge.dataset.recapChosen = '';
        badge.className = 'w-status w-status--label';
        badge.textContent = ALREADY;
        const cell = row.cells[1] || row.cells[0];
        cell.append(' ', badge);
      } else if (!chosen && badge) {
        badge.remove();
      }
    });
  }

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
    markChosen(form);
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

  // New results (a search, another page) replace the ticked rows: tick again,
  // and mark what the panel has already.
  new MutationObserver(() => {
    document.querySelectorAll(FORM).forEach((form) => {
      if (picksOf.has(form)) render(form);
      else if (alreadyChosen.size) markChosen(form);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
