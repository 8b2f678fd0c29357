import { About } from './components/About';
import { BackendStatus } from './components/BackendStatus';
import { DrawingPad } from './components/drawing/DrawingPad';
import { IncidentNotice } from './components/IncidentNotice';
import { InsideSection } from './components/inside/InsideSection';
import { RunsSection } from './components/runs/RunsSection';
import { Settings } from './components/settings/Settings';
import { TestStrip } from './components/TestStrip';
import { TrainingView } from './components/training/TrainingView';
import { UpdateNotice } from './components/UpdateNotice';

export function App() {
  return (
    <>
      <header className="masthead">
        <h1>gradlab</h1>
        <p className="tagline">A neural network learns to read handwritten digits, live in your browser.</p>
        <BackendStatus />
        <IncidentNotice />
        <UpdateNotice />
      </header>
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
          <TestStrip />
        </section>
        <section className="panel inside" aria-labelledby="inside-title">
          <InsideSection />
        </section>
        <section className="panel about" aria-label="What is going on">
          <About />
        </section>
      </main>
    </>
  );
}
