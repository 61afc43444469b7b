// Keyboard-complete band controls: a tab per band (selects it; shows on/off and colour) and the
// selected band's parameters as the kit's sliders and selects.
import type { ChoiceParamSpec, FloatParamSpec, ParamValues } from '@lathe/plugin-kit';
import { ParamSelect, ParamSlider, ParamToggle } from '@lathe/plugin-kit/gui';
import { useMemo } from 'react';
import { type BandNumber, bandId, type EqParamId, type EqParams, eqParams } from '../params.ts';
import { BAND_COLORS, BANDS, bandIsCut } from './bands.ts';

type Values = ParamValues<EqParams>;
type SetValue = (id: EqParamId, value: number) => void;

interface TabsProps {
  values: Values;
  selected: BandNumber;
  onSelect: (band: BandNumber) => void;
}

export function BandTabs({ values, selected, onSelect }: TabsProps) {
  return (
    <fieldset className="band-tabs" aria-label="Bands">
      {BANDS.map((n) => (
        <button
          key={n}
          type="button"
          className={values[bandId(n, 'Enabled')] >= 0.5 ? 'band-tab' : 'band-tab off'}
          style={{ ['--band-color' as string]: BAND_COLORS[n - 1] }}
          aria-pressed={selected === n}
          aria-label={`Edit band ${n}`}
          onClick={() => onSelect(n)}
        >
          {n}
        </button>
      ))}
    </fieldset>
  );
}

interface StripProps {
  band: BandNumber;
  values: Values;
  setValue: SetValue;
}

// The table's specs with short labels: the strip is titled with the band already.
function useShortSpecs(band: BandNumber) {
  return useMemo(() => {
    const spec = <F extends Parameters<typeof bandId>[1]>(field: F, label: string) => ({
      ...eqParams[bandId(band, field)],
      label,
    });
    return {
      enabled: spec('Enabled', 'On'),
      type: spec('Type', 'Type') as ChoiceParamSpec,
      frequency: spec('Frequency', 'Freq') as FloatParamSpec,
      gain: spec('Gain', 'Gain') as FloatParamSpec,
      q: spec('Q', 'Q') as FloatParamSpec,
      slope: spec('Slope', 'Slope') as ChoiceParamSpec,
      placement: spec('Placement', 'Channels') as ChoiceParamSpec,
    };
  }, [band]);
}

export function BandStrip({ band, values, setValue }: StripProps) {
  const specs = useShortSpecs(band);
  const bind = (field: Parameters<typeof bandId>[1]) => ({
    value: values[bandId(band, field)],
    onChange: (v: number) => setValue(bandId(band, field), v),
  });
  const isCut = bandIsCut(values[bandId(band, 'Type')]);
  return (
    <fieldset className="band-strip" style={{ ['--band-color' as string]: BAND_COLORS[band - 1] }}>
      <legend>Band {band}</legend>
      <div className="strip-row">
        <ParamToggle spec={specs.enabled} {...bind('Enabled')} />
        <ParamSelect spec={specs.type} {...bind('Type')} />
        <ParamSelect spec={specs.placement} {...bind('Placement')} />
        {isCut && <ParamSelect spec={specs.slope} {...bind('Slope')} />}
      </div>
      <div className="strip-row sliders">
        <ParamSlider spec={specs.frequency} {...bind('Frequency')} />
        <ParamSlider spec={specs.gain} {...bind('Gain')} />
        <ParamSlider spec={specs.q} {...bind('Q')} />
      </div>
    </fieldset>
  );
}
