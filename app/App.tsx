import { About } from './components/About';
import { BackendStatus } from './components/BackendStatus';
import { DrawingPad } from './components/drawing/DrawingPad';
import { IncidentNotice } from './components/IncidentNotice';
import { PhoneFold } from './components/PhoneFold';
import { InsideSection } from './components/inside/InsideSection';
import { RunsSection } from './components/runs/RunsSection';
import { Settings } from './components/settings/Settings';
import { TestStrip } from './components/TestStrip';
import { TrainingStatusBar } from './components/training/TrainingStatusBar';
import { TrainingView } from './components/training/TrainingView';
import { UpdateNotice } from './components/UpdateNotice';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useMessages } from './i18n/use-messages';
import { useFocusKeeper } from './state/use-focus-keeper';

export function App() {
  useFocusKeeper();
  const t = useMessages();
  return (
    <>
      <a className="skip-link" href="#chart">
        {t.common.skipToChart}
      </a>
      <header className="masthead">
        <h1>gradlab</h1>
        <p className="tagline">{t.common.tagline}</p>
        <LanguageSwitch />
        <BackendStatus />
        <IncidentNotice />
        <UpdateNotice />
      </header>
      <TrainingStatusBar />
      <main className="layout">
        <section className="panel settings">
          <Settings />
        </section>
        <section className="panel training" aria-label={t.common.trainingSection}>
          <TrainingView />
        </section>
        <section className="panel runs" aria-labelledby="runs-title">
          <RunsSection />
        </section>
        <section className="panel drawing" aria-label={t.common.drawSection}>
          <DrawingPad />
        </section>
        <section className="panel samples" aria-label={t.common.testImagesSection}>
          <PhoneFold title={t.common.testImagesFold}>
            <TestStrip />
          </PhoneFold>
        </section>
        <section className="panel inside" aria-labelledby="inside-title">
          <InsideSection />
        </section>
        <section className="panel about" aria-label={t.common.aboutSection}>
          <PhoneFold title={t.common.aboutFold}>
            <About />
          </PhoneFold>
        </section>
      </main>
    </>
  );
}
