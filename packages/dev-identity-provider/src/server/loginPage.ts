import { DevAccount } from '../accounts/types';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f5f5f5; color: #1a1a1a; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  .dev { background: #fff4e5; border-left: 4px solid #b26a00; padding: .5rem .75rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; margin-top: .25rem; }
  input:focus, button:focus { outline: 3px solid #1f5493; outline-offset: 2px; }
  button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; background: #1f5493;
           color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  [role=alert] { background: #fdecea; border-left: 4px solid #b3261e; padding: .5rem .75rem;
                 margin-top: 1rem; }
  details { margin-top: 1.5rem; } code { font-size: .9rem; }
`;

export interface LoginPageInput {
  uid: string;
  clientName: string;
  accounts: DevAccount[];
  email?: string;
  error?: string;
}

/**
 * The IdP's own sign-in form: a plain HTML form (works without JavaScript, every input has a
 * label, the error is announced through role="alert" and tied to the inputs with
 * aria-describedby, the first field that needs attention gets the focus).
 */
export function renderLoginPage(input: LoginPageInput): string {
  const { uid, clientName, accounts, email = '', error } = input;
  const described = error
    ? ' aria-describedby="login-error" aria-invalid="true"'
    : '';
  const focusEmail = !email ? ' autofocus' : '';
  const focusPassword = email ? ' autofocus' : '';
  const accountList = accounts
    .map(
      a =>
        `<li><code>${escapeHtml(a.email)}</code> (${escapeHtml(a.name)})</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - Plinth development identity provider</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p class="dev">Plinth <strong>development</strong> identity provider: every account uses the
documented development password. Never use it for anything real.</p>
${error ? `<div id="login-error" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(
    uid,
  )}/login" novalidate>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required
  value="${escapeHtml(email)}"${focusEmail}${described}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${focusPassword}${described}>
<button type="submit">Sign in</button>
</form>
<details>
<summary>Development accounts</summary>
<ul>
${accountList}
</ul>
</details>
</main>
</body>
</html>`;
}

/** A small page for interaction errors (an expired or unknown sign-in attempt). */
export function renderMessagePage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(
    title,
  )}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(
    message,
  )}</p></main></body>
</html>`;
}
