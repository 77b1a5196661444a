import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WorkshopApp } from '@/components/workshop/WorkshopApp';
import { t } from '@/lib/i18n';
import { workshopApi } from './api';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('workshop_title');
const root = document.getElementById('app');
if (root) render(<WorkshopApp api={workshopApi} />, root);
