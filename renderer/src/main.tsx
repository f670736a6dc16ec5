import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { setupI18n } from './i18n/setup.js';
import { createClient } from './transport/create-client.js';
import { detectAuthorityMode } from './views/authority/api.js';
import { AuthorityApp } from './views/authority/AuthorityApp.js';
import './views/authority/stop-work-alarm-text.js';
import './styles/app.css';

await setupI18n();
const client = createClient();
const authority = await detectAuthorityMode();
createRoot(document.getElementById('root')!).render(
  <StrictMode>{authority ? <AuthorityApp platform={authority.platform} /> : <App client={client} />}</StrictMode>,
);
