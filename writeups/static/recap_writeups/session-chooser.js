// The "Sessions covered" chooser of a write-up (writeups/panels.py): Wagtail's
// page chooser factory, which leaves out the starting page when it opens the
// modal; this one passes it, so "Add session" opens inside the covered event.
// Wagtail's factory is looked up when the chooser is built, not when this file
// loads, so the order the admin loads scripts in does not matter.
(function () {
  'use strict';
  function SessionChooserFactory(...args) {
    const PageChooserFactory = window.telepath.constructors['wagtail.widgets.PageChooser'];
    const factory = new PageChooserFactory(...args);
    const getModalOptions = factory.getModalOptions.bind(factory);
    factory.getModalOptions = function () {
      const options = getModalOptions() || {};
      if (factory.opts.parentId) {
        options.parentId = factory.opts.parentId;
      }
      return options;
    };
    return factory;
  }
  window.telepath.register('recap.writeups.SessionChooser', SessionChooserFactory);
})();
