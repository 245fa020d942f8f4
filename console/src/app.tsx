import { useEffect, useState } from 'preact/hooks';
import { api, onUnauthorized } from './api';
import { ImagesPage } from './pages/Images';
import { Login } from './pages/Login';
import { RunPage } from './pages/Run';
import { RunsPage } from './pages/Runs';
import { StoragesPage } from './pages/Storages';
import { SystemPage } from './pages/System';
import { href, useRoute, type Route } from './router';

const NAV = [
  ['runs', 'Runs'],
  ['storage', 'Storages'],
  ['images', 'Images'],
  ['system', 'System'],
] as const;

function Page({ route }: { route: Route }) {
  const [first = '', ...rest] = route.args;
  switch (route.page) {
    case 'run':
      return <RunPage id={first} />;
    case 'storage':
      return <StoragesPage storageId={first || undefined} folder={rest.join('/')} />;
    case 'images':
      return <ImagesPage building={first || undefined} />;
    case 'system':
      return <SystemPage />;
    default:
      return <RunsPage />;
  }
}

/**
 * The console: a bar of pages and the page the URL fragment names. Any call
 * answered 401 shows the login form instead; after logging in, the page
 * loads again.
 */
export function App() {
  const route = useRoute();
  const [loginNeeded, setLoginNeeded] = useState(false);
  const [session, setSession] = useState(0);
  useEffect(() => onUnauthorized(() => setLoginNeeded(true)), []);
  if (loginNeeded)
    return (
      <Login
        onLogin={() => {
          setLoginNeeded(false);
          setSession((s) => s + 1);
        }}
      />
    );
  // After logging out the page loads again: a service that wants a token answers 401 and shows the form.
  const logout = async () => {
    await api.POST('/api/auth/logout');
    setSession((s) => s + 1);
  };
  const section = route.page === 'run' ? 'runs' : route.page;
  return (
    <>
      <header class="bar">
        <a class="brand" href={href('runs')}>
          Docker Web API
        </a>
        <nav aria-label="Pages">
          {NAV.map(([page, label]) => (
            <a key={page} href={href(page)} aria-current={section === page ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <button class="link" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      <Page key={session} route={route} />
    </>
  );
}
