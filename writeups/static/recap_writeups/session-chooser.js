// The "Sessions covered" chooser of a write-up (writeups/panels.py): Wagtail's
// page chooser factory, which leaves out the starting page when it opens the
// modal; this one passes it, so "Add sessions" opens inside the covered event.
(function () {
  'use strict';
  const PageChooserFactory = window.telepath.constructors['wagtail.widgets.PageChooser'];
  class SessionChooserFactory extends PageChooserFactory {
    getModalOptions() {
      const options = super.getModalOptions();
      if (this.opts.parentId) {
        options.parentId = this.opts.parentId;
      }
      return options;
    }
  }
  window.telepath.register('recap.writeups.SessionChooser', SessionChooserFactory);
})();
