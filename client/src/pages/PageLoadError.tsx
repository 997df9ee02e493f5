import { Component, type ReactNode } from 'react';
import { PageLayout } from './PageLayout';

interface Props {
  /** The address shown: a navigation elsewhere clears the error. */
  pathname: string;
  children: ReactNode;
}
interface State {
  failedAt: string | null;
}

/**
 * A page's script that could not be loaded (the network dropped, or a new version of the site
 * replaced it while the tab was open) shows a page that says so, instead of an empty one.
 */
export class PageLoadError extends Component<Props, State> {
  override state: State = { failedAt: null };

  static getDerivedStateFromError(): Partial<State> {
    return { failedAt: '' };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.failedAt === '') return { failedAt: props.pathname };
    if (state.failedAt !== null && state.failedAt !== props.pathname) return { failedAt: null };
    return null;
  }

  override render() {
    if (this.state.failedAt === null) return this.props.children;
    return (
      <PageLayout>
        <h1>This page could not be loaded</h1>
        <p role="alert">
          Part of the page did not arrive. Check your connection, then{' '}
          <a href={this.props.pathname}>load the page again</a>.
        </p>
      </PageLayout>
    );
  }
}
