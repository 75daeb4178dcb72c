/**
 * Prettier: `npm run format` writes, `npm run lint` checks. Options chosen to match the code as
 * it was written (single quotes, 2 spaces, ~120 columns, trailing commas), so adopting prettier
 * changed little. .editorconfig says the same to editors; .prettierignore lists what stays as is.
 */
export default {
  singleQuote: true,
  printWidth: 120,
  trailingComma: 'all',
  // Leaves html`…` and css`…` templates alone: whitespace between tags in a Lit template is a
  // text node per element (the templates are written without it on purpose).
  embeddedLanguageFormatting: 'off',
};
