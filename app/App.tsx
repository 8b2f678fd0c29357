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
import { useFocusKeeper } from './state/use-focus-keeper';

export function App() {
  useFocusKeeper();
  return (
    <>
      <a className="skip-link" href="#chart">
        Skip to the chart
      </a>
      <header className="masthead">
        <h1>gradlab</h1>
        <p className="tagline">A neural network learns to read handwritten digits, live in your browser.</p>
        <BackendStatus />
        <IncidentNotice />
        <UpdateNotice />
      </header>
      <TrainingStatusBar />
      <main className="layout">
        <section className="panel settings">
          <Settings />
        </section>
        <section className="panel training" aria-label="Training">
          <TrainingView />
        </section>
        <section className="panel runs" aria-labelledby="runs-title">
          <RunsSection />
        </section>
        <section className="panel drawing" aria-label="Draw a digit">
          <DrawingPad />
        </section>
        <section className="panel samples" aria-label="Test images">
          <PhoneFold title="the test images">
            <TestStrip />
          </PhoneFold>
        </section>
        <section className="panel inside" aria-labelledby="inside-title">
          <InsideSection />
        </section>
        <section className="panel about" aria-label="What is going on">
          <PhoneFold title="what is going on">
            <About />
          </PhoneFold>
        </section>
      </main>
    </>
  );
}
