-- Neovim 0.11+: with editors/nvim on the runtimepath,
--   vim.lsp.enable("leakwatch")
-- starts `leakwatch lsp` for JavaScript and TypeScript buffers. Override
-- fields with vim.lsp.config("leakwatch", {...}), for example
-- init_options = { rules = { ["unbounded-cache"] = "off" } }.
return {
  cmd = { "leakwatch", "lsp" },
  filetypes = {
    "javascript", "javascriptreact", "javascript.jsx",
    "typescript", "typescriptreact", "typescript.tsx",
    "vue", "svelte",
  },
  root_markers = { ".leakwatch.json", "package.json", ".git" },
  init_options = {},
  settings = { leakwatch = {} },
}
