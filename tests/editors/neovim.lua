-- Neovim headless, its built-in LSP client attached to `promolint server`:
-- opens $CAMPAIGN, waits for diagnostics, writes vim.diagnostic.get() to
-- $RESULT as JSON. Works with Neovim 0.7 (Debian 12) and later.
local bin, file, out = os.getenv('PROMOLINT_BIN'), os.getenv('CAMPAIGN'), os.getenv('RESULT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = 'promolint',
  cmd = { bin, 'server' },
  root_dir = vim.fn.fnamemodify(file, ':p:h:h'),
}
if vim.lsp.start then
  vim.lsp.start(config)
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, {
    code = d.code or lsp.code,
    lnum = d.lnum,
    col = d.col,
    source = d.source,
    message = d.message,
  })
end
local handle = assert(io.open(out, 'w'))
handle:write(vim.fn.json_encode(found))
handle:close()
vim.cmd('qall!')
