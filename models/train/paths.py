"""Folders the training scripts share: this folder, the project root, ../shared/data and the scratch folder."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
SHARED = os.environ.get('CLINICAL_CODER_SHARED_DATA') or os.path.join(ROOT, '..', 'shared', 'data')
WORK = os.path.join(HERE, '.work')
