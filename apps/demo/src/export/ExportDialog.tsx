// Placeholder until the export dialog lands.
import { Modal } from '../app/Modal.tsx';

export function ExportDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Export" onClose={onClose}>
      <p>Export is being built.</p>
    </Modal>
  );
}
