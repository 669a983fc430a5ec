import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setUpI18n } from './i18n';
import './styles.css';

void setUpI18n().then(() => createRoot(document.getElementById('root')!).render(<App />));
