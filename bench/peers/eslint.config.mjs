// ESLint as the benchmark runs it: only the leak rules of the two leak
// plugins, typescript-eslint's parser (no type information) for TypeScript,
// ESLint's default parser (espree) for JavaScript. bench/run.sh copies this
// file next to the installed packages in bench/.cache/peers, and the runner
// passes it with --config from the corpus folder, so every file pattern here
// is relative to the corpus.
import listeners from "eslint-plugin-listeners";
import reactWebApi from "eslint-plugin-react-web-api";
import tseslint from "typescript-eslint";

// Every rule of both plugins is a leak rule; they are named here so that a
// plugin release that renames or drops one fails loudly (ESLint rejects an
// unknown rule) instead of silently measuring less.
const leakRules = {
  "listeners/no-missing-remove-event-listener": "warn",
  "listeners/matching-remove-event-listener": "warn",
  "listeners/no-inline-function-event-listener": "warn",
  "react-web-api/no-leaked-event-listener": "warn",
  "react-web-api/no-leaked-fetch": "warn",
  "react-web-api/no-leaked-intersection-observer": "warn",
  "react-web-api/no-leaked-interval": "warn",
  "react-web-api/no-leaked-resize-observer": "warn",
  "react-web-api/no-leaked-timeout": "warn",
};

const js = ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"];
const ts = ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"];

export default [
  // The corpus lives in node_modules, which ESLint ignores by default even
  // with --no-ignore: un-ignore it.
  { ignores: ["!**/node_modules/"] },
  {
    files: [...js, ...ts],
    plugins: { listeners, "react-web-api": reactWebApi },
    settings: reactWebApi.configs.recommended.settings,
    // The corpus's own eslint-disable comments name rules of other configs;
    // honouring them would only add "rule not found" errors.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    rules: leakRules,
  },
  {
    files: ["**/*.jsx"],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    files: ts,
    languageOptions: {
      parser: tseslint.parser,
      // No project and no type information: the leak rules are syntactic.
      parserOptions: { sourceType: "module" },
    },
  },
];
