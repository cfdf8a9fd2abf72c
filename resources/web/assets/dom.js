// Building elements without innerHTML: the page's Content-Security-Policy forbids inline
// styles, and text from the server (process names, sensor labels) must never become markup.

/**
 * A new element: `props` sets properties (className, textContent, ...) except keys in
 * `attrs`, which become attributes (aria-*, data-*, role); children are nodes or strings.
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  const { attrs = {}, ...rest } = props;
  Object.assign(element, rest);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** The element with this id; throws when index.html lacks it, which is a bug in the page. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element;
}
