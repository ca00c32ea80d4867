// A toolbar button of the result view and the row-editing UI (@vscode-elements' button, with a disabled guard).

export type Button = HTMLElement & { disabled: boolean };

export function button(label: string, onClick: () => void, secondary = false): Button {
  const b = document.createElement('vscode-button') as Button;
  b.textContent = label;
  if (secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', () => {
    if (!b.disabled) onClick();
  });
  return b;
}
