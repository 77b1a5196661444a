import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupApi } from '@/components/popup/PopupApp';
import { callBackground } from '@/lib/messaging/client';
import './style.css';

const api: PopupApi = {
  getConnection: () => callBackground('getConnection', {}),
  connect: (request) => callBackground('connectTwilio', request),
};

document.documentElement.lang = browser.i18n.getUILanguage();
const root = document.getElementById('app');
if (root) render(<PopupApp api={api} />, root);
