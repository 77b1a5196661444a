import { t } from '@/lib/i18n';

export interface ConfirmWhatsAppProps {
  onConfirm: () => void;
}

/** A Messaging conversation that shows no channel at all: one click tells us it is WhatsApp (remembered). */
export function ConfirmWhatsApp({ onConfirm }: ConfirmWhatsAppProps) {
  return (
    <div class="bar composer">
      <button type="button" class="link" onClick={onConfirm}>{t('confirm_whatsapp')}</button>
    </div>
  );
}
