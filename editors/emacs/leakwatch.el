;;; leakwatch.el --- Memory leaks in JavaScript and TypeScript, through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; URL: https://github.com/leakwatch/leakwatch
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Runs the leakwatch language server (`leakwatch lsp') with eglot in
;; JavaScript, TypeScript, JSX/TSX, Vue and Svelte buffers: leaks show up
;; through flymake, `eglot-code-actions' (or the flymake diagnostic's
;; menu) writes the missing cleanup, and eldoc shows the rule's
;; explanation.
;;
;; eglot is built into Emacs 29 and later; on Emacs 28 install it from
;; GNU ELPA or, on Debian and Ubuntu, with `apt install elpa-eglot'.
;;
;;   (add-to-list 'load-path "/path/to/leakwatch/editors/emacs")
;;   (require 'leakwatch)
;;   (leakwatch-eglot-setup t)   ; t: also start eglot in those modes
;;
;; eglot runs one server per buffer, so this takes the place of
;; typescript-language-server (or any other server eglot would pick) in
;; the modes in `leakwatch-eglot-modes'.  Leave a mode out of that list to
;; keep its usual server there.

;;; Code:

(require 'cl-lib)
(require 'eglot)

(defgroup leakwatch nil
  "Memory leaks in JavaScript and TypeScript, from the leakwatch language server."
  :group 'tools
  :prefix "leakwatch-"
  :link '(url-link "https://github.com/leakwatch/leakwatch"))

(defcustom leakwatch-program "leakwatch"
  "The leakwatch binary: a name looked up in `exec-path', or a full path.
Install it with
`go install github.com/leakwatch/leakwatch/cmd/leakwatch@latest'; an
Emacs started from a desktop menu may not have Go's bin folder in
`exec-path', so a full path (\"~/go/bin/leakwatch\") is safer."
  :type 'string)

(defcustom leakwatch-rules nil
  "Severity per rule, overriding the project's .leakwatch.json.
An alist of (RULE . SEVERITY), both strings, sent to the server
when it starts; for example ((\"unbounded-cache\" . \"off\")).
Severities are \"off\", \"hint\", \"info\", \"warning\" and \"error\";
`leakwatch rules' lists the rule ids."
  :type '(alist :key-type (string :tag "Rule")
                :value-type (choice (const "off") (const "hint") (const "info")
                                    (const "warning") (const "error"))))

(defcustom leakwatch-eglot-modes
  ;; A derived mode comes before its parent: eglot takes the first entry a
  ;; mode derives from, and the language id is that entry's.
  '((js-jsx-mode :language-id "javascriptreact")
    (rjsx-mode :language-id "javascriptreact")
    (js2-jsx-mode :language-id "javascriptreact")
    (js2-mode :language-id "javascript")
    (js-ts-mode :language-id "javascript")
    (js-mode :language-id "javascript")
    (tsx-ts-mode :language-id "typescriptreact")
    (typescript-tsx-mode :language-id "typescriptreact")
    (typescript-ts-mode :language-id "typescript")
    (typescript-mode :language-id "typescript")
    (vue-ts-mode :language-id "vue")
    (vue-mode :language-id "vue")
    (svelte-mode :language-id "svelte"))
  "The major modes whose buffers leakwatch checks, with their LSP language ids.
The server goes by the file's extension, so the id matters only for
buffers whose file name says nothing (no extension)."
  :type '(repeat (list symbol (const :language-id) string)))

(defun leakwatch--contact (&optional _interactive)
  "The command eglot runs, read when a server starts.
Reading `leakwatch-program' and `leakwatch-rules' here rather than
when `leakwatch-eglot-setup' runs lets a later change (in a
.dir-locals.el, say) apply to the next server started."
  (append (list (leakwatch--program) "lsp")
          (when leakwatch-rules
            (list :initializationOptions
                  (list :rules (leakwatch--rules-plist leakwatch-rules))))))

(defun leakwatch--program ()
  "`leakwatch-program' with \"~\" expanded: the process is not started by a shell."
  (if (string-match-p "/" leakwatch-program)
      (expand-file-name leakwatch-program)
    leakwatch-program))

(defun leakwatch--rules-plist (rules)
  "RULES, an alist of (RULE . SEVERITY), as the plist eglot sends as JSON."
  (let (plist)
    (dolist (r rules (nreverse plist))
      (unless (and (stringp (car r)) (stringp (cdr r)))
        (user-error "leakwatch-rules: %S is not a (RULE . SEVERITY) pair of strings" r))
      (push (intern (concat ":" (car r))) plist)
      (push (cdr r) plist))))

(defun leakwatch--entry ()
  "leakwatch's entry in `eglot-server-programs'."
  (cons leakwatch-eglot-modes #'leakwatch--contact))

;;;###autoload
(defun leakwatch-eglot-setup (&optional ensure)
  "Make eglot run `leakwatch lsp' in the modes in `leakwatch-eglot-modes'.
With ENSURE non-nil, also start eglot (`eglot-ensure') when a
buffer enters one of those modes.  Calling this again replaces the
entry instead of adding a second one."
  (setq eglot-server-programs
        (cons (leakwatch--entry)
              (cl-remove-if (lambda (e) (eq (cdr-safe e) #'leakwatch--contact))
                            eglot-server-programs)))
  (when ensure
    (dolist (spec leakwatch-eglot-modes)
      (add-hook (intern (format "%s-hook" (car spec))) #'eglot-ensure))))

(provide 'leakwatch)
;;; leakwatch.el ends here
