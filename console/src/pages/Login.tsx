import { useState } from 'preact/hooks';
import { api, ok } from '../api';
import { Field } from '../components/Field';
import { Problem } from '../components/Problem';
import { useAction } from '../hooks';

/**
 * The service wants a token: the user gives one once, the service answers
 * with an HttpOnly session cookie, and the page never keeps the token.
 */
export function Login({ onLogin }: { onLogin: () => void }) {
  const [token, setToken] = useState('');
  const login = useAction(async () => {
    await ok(api.POST('/api/auth/login', { body: { token } }));
    onLogin();
  });
  return (
    <main class="login">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void login.run();
        }}
      >
        <h1>Log in</h1>
        <p class="muted">
          This service needs an API token. It is sent once; the browser then keeps a session cookie that scripts cannot
          read.
        </p>
        <Field label="API token" name="token" error={login.error}>
          <input
            type="password"
            name="token"
            autoComplete="current-password"
            required
            autoFocus
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </Field>
        <Problem error={login.error} />
        <button type="submit" disabled={login.busy || !token}>
          {login.busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
