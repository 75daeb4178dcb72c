/**
 * Copies `text` to the clipboard. Where that is refused (an insecure context, a denied
 * permission), selects the node `anchor()` finds, if it is still there, for the user to copy.
 */
export async function copyText(text: string, anchor: () => Node | null | undefined): Promise<'copied' | 'copyFailed'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    const node = anchor();
    if (node) getSelection()?.selectAllChildren(node);
    return 'copyFailed';
  }
}
