;;; leakwatch-e2e.el --- leakwatch through eglot in a real Emacs, headless  -*- lexical-binding: t; -*-

;; Run by scripts/e2e-emacs.sh:
;;
;;   LEAKWATCH_BIN=/path/to/leakwatch LEAKWATCH_E2E_DIR=/tmp/dir \
;;     emacs --batch -L editors/emacs -l editors/emacs/test/leakwatch-e2e.el
;;
;; Opens a leaking React file, starts eglot as leakwatch.el sets it up,
;; waits for the finding to reach flymake, applies the rule's fix through
;; `eglot-code-actions' (the command a user runs, with the menu answered),
;; checks the buffer's exact text, waits for the finding to go, then shuts
;; the server down and checks that it exited by itself with status 0.
;; Exits 0 when every check passed, 1 otherwise, with the reason printed.
;;
;; Waits poll flymake's state between `accept-process-output' calls, which
;; return as soon as the server writes, so they take as long as the server
;; does, up to a deadline.

;;; Code:

(require 'cl-lib)
(require 'subr-x)
(require 'leakwatch)

(defconst leakwatch-e2e-leaking "import { useEffect, useState } from \"react\";

export function WindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener(\"resize\", onResize);
  }, []);

  return <span>{width}px</span>;
}
")

;; The rule's own fix, as `leakwatch check --fix' writes it.
(defconst leakwatch-e2e-fixed "import { useEffect, useState } from \"react\";

export function WindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener(\"resize\", onResize);
    return () => {
      window.removeEventListener(\"resize\", onResize);
    };
  }, []);

  return <span>{width}px</span>;
}
")

(defconst leakwatch-e2e-message
  "\"resize\" listener added to window is never removed; call removeEventListener in the cleanup function useEffect returns")

(defconst leakwatch-e2e-fix-title
  "Remove the listener in the cleanup function useEffect returns")

(defconst leakwatch-e2e-timeout 30
  "Seconds any one wait may take.")

(defun leakwatch-e2e--log (fmt &rest args)
  (princ (concat "--> emacs e2e: " (apply #'format fmt args) "\n") #'external-debugging-output))

(defun leakwatch-e2e--wait (what pred)
  "Return PRED's first non-nil value, processing server output meanwhile.
Signal an error naming WHAT after `leakwatch-e2e-timeout' seconds.
The wait counts as the user being idle: see `leakwatch-e2e--idle'."
  (let* ((start (float-time))
         (deadline (+ start leakwatch-e2e-timeout))
         (ran nil)
         value)
    (while (not (setq value (funcall pred)))
      (when (> (float-time) deadline)
        (error "Timed out after %ss waiting for %s (publishDiagnostics seen, newest first: %S)"
               leakwatch-e2e-timeout what leakwatch-e2e--published))
      ;; Returns when a process writes or a timer is due, or after 0.1s.
      (accept-process-output nil 0.1)
      (setq ran (leakwatch-e2e--idle (- (float-time) start) ran)))
    value))

(defun leakwatch-e2e--idle (idle-for ran)
  "Run the idle timers due after IDLE-FOR seconds of idleness, except those in RAN.
Return RAN with the timers run added.
eglot sends an edit to the server, and flymake rechecks, from idle
timers, which Emacs runs when it waits for the user's next key.  In
batch mode it never waits for keys, so the waits here stand in for
the user pausing: each idle timer runs once per wait, when the wait
has lasted its delay, as Emacs's command loop would run it."
  (dolist (timer (copy-sequence timer-idle-list) ran)
    (when (and (memq timer timer-idle-list)
               (not (memq timer ran))
               (<= (float-time (timer--time timer)) idle-for))
      (push timer ran)
      (timer-event-handler timer))))

(defvar leakwatch-e2e--published nil
  "The publishDiagnostics notifications seen, newest first: (:version V :count N).")

(defun leakwatch-e2e--record-publish (_server method &rest params)
  (when (eq method 'textDocument/publishDiagnostics)
    (push (list :version (plist-get params :version)
                :count (length (plist-get params :diagnostics)))
          leakwatch-e2e--published)))

(advice-add 'eglot-handle-notification :before #'leakwatch-e2e--record-publish)

(defun leakwatch-e2e--findings ()
  "The flymake diagnostics in the buffer that came from leakwatch."
  (cl-remove-if-not
   (lambda (d) (string-prefix-p "eglot-" (symbol-name (flymake-diagnostic-type d))))
   (flymake-diagnostics)))

(defun leakwatch-e2e--eglot-origin ()
  "Where eglot was loaded from, and whether that is Emacs's own copy."
  (let* ((file (locate-library "eglot"))
         (builtin (and file (file-in-directory-p file (expand-file-name "../lisp" data-directory)))))
    (format "%s (%s)" file (if builtin "built into Emacs" "a package, not Emacs's own"))))

(defun leakwatch-e2e--run ()
  (let* ((bin (or (getenv "LEAKWATCH_BIN") (error "LEAKWATCH_BIN is not set")))
         (dir (file-name-as-directory (or (getenv "LEAKWATCH_E2E_DIR") (error "LEAKWATCH_E2E_DIR is not set"))))
         (file (expand-file-name "WindowWidth.jsx" dir))
         ;; Raised to an error through initializationOptions, so that the
         ;; flymake type below shows the setting reached the server.
         (leakwatch-rules '(("listener-not-removed" . "error")))
         (leakwatch-program bin)
         ;; Nothing may ask a question: there is no one to answer it.
         (use-dialog-box nil))
    (leakwatch-e2e--log "%s; eglot from %s" (emacs-version) (leakwatch-e2e--eglot-origin))
    (leakwatch-eglot-setup)
    (with-temp-file file (insert leakwatch-e2e-leaking))
    ;; find-file shows the buffer in the selected window: flymake defers
    ;; checking buffers that no window shows.
    (find-file file)
    (leakwatch-e2e--log "opened %s in %s" file major-mode)

    (let* ((guess (eglot--guess-contact))
           (contact (nth 3 guess)))
      (unless (equal (seq-take contact 2) (list bin "lsp"))
        (error "eglot would start %S, not leakwatch.el's %S" contact (list bin "lsp")))
      (apply #'eglot guess))
    (let* ((server (leakwatch-e2e--wait "eglot to manage the buffer" #'eglot-current-server))
           (proc (jsonrpc--process server)))
      (leakwatch-e2e--log "server %s running (pid %s)" (jsonrpc-name server) (process-id proc))

      ;; The finding, through flymake.
      (let* ((diag (car (leakwatch-e2e--wait "the leakwatch finding in flymake" #'leakwatch-e2e--findings)))
             (text (flymake-diagnostic-text diag))
             (beg (flymake-diagnostic-beg diag))
             (end (flymake-diagnostic-end diag)))
        (leakwatch-e2e--log "flymake: %s %S at line %d" (flymake-diagnostic-type diag) text (line-number-at-pos beg))
        (unless (string-match-p (regexp-quote leakwatch-e2e-message) text)
          (error "The diagnostic says %S, not %S" text leakwatch-e2e-message))
        (unless (eq (flymake-diagnostic-type diag) 'eglot-error)
          (error "The diagnostic is a %s, not the error leakwatch-rules asked for" (flymake-diagnostic-type diag)))
        (unless (equal (buffer-substring-no-properties beg end) "addEventListener(\"resize\", onResize)")
          (error "The diagnostic covers %S" (buffer-substring-no-properties beg end)))

        ;; The fix, chosen from eglot's menu the way a user picks it.
        (goto-char beg)
        (let* ((offered nil)
               (completing-read-function
                (lambda (_prompt collection &rest _)
                  (setq offered (all-completions "" collection))
                  leakwatch-e2e-fix-title))
               ;; eglot pops up a mouse menu when the last event was a
               ;; mouse click; this makes it use the minibuffer.
               (last-nonmenu-event ?\C-m))
          (eglot-code-actions beg end nil t)
          (leakwatch-e2e--log "offered: %S" offered)
          (unless (member leakwatch-e2e-fix-title offered)
            (error "The code actions %S lack %S" offered leakwatch-e2e-fix-title))))
      (let ((now (buffer-substring-no-properties (point-min) (point-max))))
        (unless (equal now leakwatch-e2e-fixed)
          (error "After the fix the buffer is:\n%s\nnot:\n%s" now leakwatch-e2e-fixed)))
      (leakwatch-e2e--log "the buffer holds the fixed text")
      ;; flymake may drop the old finding before the server has analysed
      ;; the edit, so the wait is for the server's (empty) diagnostics for
      ;; the edited version, and then for flymake to show them.
      (let ((version eglot--versioned-identifier))
        (leakwatch-e2e--wait (format "empty diagnostics for version %d" version)
                             (lambda ()
                               (cl-some (lambda (p) (and (plist-get p :version)
                                                         (>= (plist-get p :version) version)
                                                         (zerop (plist-get p :count))))
                                        leakwatch-e2e--published)))
        (leakwatch-e2e--wait "the finding to go from flymake" (lambda () (null (leakwatch-e2e--findings)))))
      (leakwatch-e2e--log "the finding is gone")

      ;; A clean shutdown: the server answers shutdown and exits on exit.
      ;; jsonrpc deletes the process (SIGKILL) when it has not ended soon
      ;; enough after exit: at once in Emacs 28, after 0.1s in Emacs 30
      ;; (whose batch mode, besides, has not run the sentinel that tells
      ;; it the process ended). The advice lets the server end first and
      ;; notes how it ended, so what is checked is the server exiting by
      ;; itself, with 0, as the LSP specification asks.
      (let* ((ended nil)
             (grace (lambda (delete p &rest args)
                      (when (and (eq p proc) (not ended))
                        (leakwatch-e2e--wait "the server to exit after the exit notification"
                                             (lambda () (not (process-live-p proc))))
                        (setq ended (list (process-status proc) (process-exit-status proc))))
                      (apply delete p args))))
        (advice-add 'delete-process :around grace)
        (unwind-protect
            (eglot-shutdown server)
          (advice-remove 'delete-process grace))
        (leakwatch-e2e--wait "the server process to end" (lambda () (not (process-live-p proc))))
        (unless ended
          (setq ended (list (process-status proc) (process-exit-status proc))))
        (unless (equal ended '(exit 0))
          (error "The server ended with %s %s, not by exiting with status 0" (car ended) (cadr ended))))
      (leakwatch-e2e--log "server exited with status 0"))))

(condition-case err
    (progn
      (leakwatch-e2e--run)
      (leakwatch-e2e--log "ok")
      (kill-emacs 0))
  (error
   (princ (format "emacs e2e: FAIL: %s\n" (error-message-string err)) #'external-debugging-output)
   (kill-emacs 1)))

;;; leakwatch-e2e.el ends here
