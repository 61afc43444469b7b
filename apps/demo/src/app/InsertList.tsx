// A chain's insert slots: open a plugin's GUI, bypass, reorder, remove, and add plugins (Lathe's
// from the browser menu, anyone's by URL).
import { LATHE_PLUGINS, type LatheIdentifier, lathePluginSlot } from '@lathe/host';
import { useId, useState } from 'react';
import { PLUGINS_BASE } from '../engine/plugins.ts';
import { chainOf } from '../engine/studio.ts';
import { slotName } from './slots.ts';
import { useSnapshot, useStudio } from './studio-context.ts';
import { useUi } from './ui-context.ts';

/** The power symbol (drawn: not every system font has U+23FB). */
function PowerIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
    >
      <path d="M8 1.5v6" />
      <path d="M4.5 4a5.5 5.5 0 1 0 7 0" />
    </svg>
  );
}

interface InsertListProps {
  owner: string;
  selected: number | null;
  onSelect: (index: number | null) => void;
  /** Fewer words for narrow channel strips. */
  compact?: boolean;
}

export function InsertList({ owner, selected, onSelect, compact = false }: InsertListProps) {
  const studio = useStudio();
  const { doc } = useSnapshot();
  const ui = useUi();
  const [adding, setAdding] = useState(false);
  const menuId = useId();
  const inserts = chainOf(doc, owner);
  const slots = studio.slots(owner);
  const ownerName = studio.ownerName(owner);

  const add = (identifier: LatheIdentifier) => {
    setAdding(false);
    const name = LATHE_PLUGINS[identifier].name;
    studio.edit(`Add ${name} to ${ownerName}`, (draft) => {
      chainOf(draft, owner).push(lathePluginSlot(identifier, {}, PLUGINS_BASE));
    });
    onSelect(inserts.length);
  };

  return (
    <div className={`inserts${compact ? ' compact' : ''}`}>
      <ol aria-label={`${ownerName} inserts`}>
        {inserts.map((slotDoc, index) => {
          const name = slotName(slots[index], slotDoc);
          const failed = slots[index]?.plugin.kind === 'placeholder';
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a slot is its position in the chain
              key={index}
              className={`insert${slotDoc.bypass ? ' bypassed' : ''}${failed ? ' failed' : ''}`}
            >
              <button
                type="button"
                className="insert-name"
                aria-label={failed ? `${name} (did not load)` : name}
                aria-pressed={selected === index}
                title={failed ? `${name}: did not load` : `Open ${name}`}
                onClick={() => onSelect(selected === index ? null : index)}
              >
                {failed ? '⚠ ' : ''}
                {compact ? name.replace(/^Lathe /, '') : name}
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Bypass ${name}`}
                aria-pressed={slotDoc.bypass}
                title="Bypass"
                onClick={() =>
                  studio.edit(`${slotDoc.bypass ? 'Enable' : 'Bypass'} ${name}`, (draft) => {
                    chainOf(draft, owner)[index].bypass = !slotDoc.bypass;
                  })
                }
              >
                <PowerIcon />
              </button>
              {!compact && (
                <>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Presets for ${name}`}
                    title="Presets"
                    onClick={() => ui.openPresets({ kind: 'plugin', owner, index })}
                  >
                    ☰
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Move ${name} up`}
                    disabled={index === 0}
                    onClick={() =>
                      studio.edit(`Move ${name} up`, (draft) => {
                        const chain = chainOf(draft, owner);
                        chain.splice(index - 1, 0, ...chain.splice(index, 1));
                      })
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Move ${name} down`}
                    disabled={index === inserts.length - 1}
                    onClick={() =>
                      studio.edit(`Move ${name} down`, (draft) => {
                        const chain = chainOf(draft, owner);
                        chain.splice(index + 1, 0, ...chain.splice(index, 1));
                      })
                    }
                  >
                    ↓
                  </button>
                </>
              )}
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${name}`}
                title="Remove"
                onClick={() => {
                  if (selected === index) onSelect(null);
                  studio.edit(`Remove ${name} from ${ownerName}`, (draft) => {
                    chainOf(draft, owner).splice(index, 1);
                  });
                }}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <div className="add-plugin">
        <button
          type="button"
          aria-haspopup="menu"
          aria-expanded={adding}
          aria-controls={menuId}
          onClick={() => setAdding(!adding)}
        >
          + Plugin
        </button>
        {adding && (
          <div role="menu" id={menuId} className="menu" aria-label={`Add a plugin to ${ownerName}`}>
            {(Object.keys(LATHE_PLUGINS) as LatheIdentifier[]).map((identifier) => (
              <button type="button" role="menuitem" key={identifier} onClick={() => add(identifier)}>
                {LATHE_PLUGINS[identifier].name}
              </button>
            ))}
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setAdding(false);
                ui.addPluginByUrl(owner);
              }}
            >
              By URL…
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
